// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>One entry of metadata.ownerReferences.</summary>
/// <param name="ApiVersion">The owner's apiVersion.</param>
/// <param name="Kind">The owner's kind.</param>
/// <param name="Name">The owner's name (same namespace as the dependent).</param>
/// <param name="Uid">The owner's uid.</param>
/// <param name="IsController">True when the reference has controller=true.</param>
public readonly record struct OwnerInfo(string ApiVersion, string Kind, string Name, string Uid, bool IsController);
