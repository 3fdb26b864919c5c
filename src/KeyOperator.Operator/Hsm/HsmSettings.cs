// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Hsm;
using KeyOperator.Operator.Admission.Policy;

namespace KeyOperator.Operator.Hsm;

/// <summary>The <c>--hsm-config</c> file: the HSMs the cluster operator allows, and nothing else can be loaded.</summary>
internal sealed record HsmSettings
{
    /// <summary>No file: no HSM.</summary>
    public static HsmSettings Empty { get; } = new();

    public IReadOnlyList<HsmDefinition> Hsms { get; init; } = [];

    public HsmDefinition? Find(string name) => Hsms.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.Ordinal));
}

/// <summary>One configured HSM.</summary>
internal sealed record HsmDefinition
{
    /// <summary>What ApiKeys name in spec.source.hsm.name.</summary>
    public required string Name { get; init; }

    /// <summary>Absolute path of the PKCS#11 module.</summary>
    public required string Module { get; init; }

    /// <summary>The token's label.</summary>
    public required string TokenLabel { get; init; }

    /// <summary>The Secret, in the operator's namespace, holding the user PIN.</summary>
    public required HsmPinSecretRef PinSecretRef { get; init; }

    /// <summary>Namespaces whose ApiKeys may use this HSM; empty matches every namespace.</summary>
    public required NamespaceSelector NamespaceSelector { get; init; }

    /// <summary>Sessions kept open at most.</summary>
    public int MaxSessions { get; init; } = 4;

    public HsmModuleConfig ToModuleConfig() => new(Name, Module, TokenLabel, MaxSessions);
}

/// <summary>A key of a Secret in the operator's own namespace.</summary>
internal sealed record HsmPinSecretRef(string Name, string Key);
