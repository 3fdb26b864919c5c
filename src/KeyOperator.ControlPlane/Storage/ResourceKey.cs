// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Storage;

/// <summary>Identifies a stored resource independent of version (all versions of a CRD share storage).</summary>
/// <param name="Group">API group; empty for core.</param>
/// <param name="Plural">Plural resource name.</param>
internal readonly record struct ResourceKey(string Group, string Plural);
