// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Hsm;

/// <summary>
/// One HSM as the cluster operator configured it: the only way a PKCS#11 module path reaches this assembly, so nothing
/// an ApiKey says can make the process load a library.
/// </summary>
/// <param name="Name">The name ApiKeys use (spec.source.hsm.name); also the metric label.</param>
/// <param name="ModulePath">Absolute path of the PKCS#11 module (.so).</param>
/// <param name="TokenLabel">CKA label of the token; slots are found by it because slot ids change (SoftHSM renumbers them at init).</param>
/// <param name="MaxSessions">Sessions kept open at most; concurrent operations beyond it wait.</param>
public sealed record HsmModuleConfig(string Name, string ModulePath, string TokenLabel, int MaxSessions = 4);
