// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Hsm;

/// <summary>The HSMs the operator may use: the <c>--hsm-config</c> file (docs/hsm.md). Validated, file included, when the host starts.</summary>
public sealed class HsmOptions
{
    /// <summary>The settings file; null means no HSM is configured and ApiKeys naming one are refused.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The operator's own namespace, where each HSM's pinSecretRef is read.</summary>
    public string PinNamespace { get; set; } = "key-operator";
}
