// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>Where the key material comes from. Without it the operator generates it in software.</summary>
internal sealed record ApiKeySource
{
    /// <summary>
    /// An HSM configured by the cluster operator (--hsm-config). For token, hmac and basicAuth the value is derived
    /// inside the HSM from masterKeyLabel and the key's namespace, name, UID and version, so a deleted or tampered
    /// Secret is restored to the same value.
    /// </summary>
    public HsmSourceSpec? Hsm { get; init; }
}

/// <summary>The HSM a key comes from.</summary>
internal sealed record HsmSourceSpec
{
    /// <summary>Creates the reference.</summary>
    /// <param name="name">See <see cref="Name"/>.</param>
    /// <param name="masterKeyLabel">See <see cref="MasterKeyLabel"/>.</param>
    [System.Text.Json.Serialization.JsonConstructor]
    public HsmSourceSpec(string? name = null, string? masterKeyLabel = null)
    {
        // A constructor, not a property initializer: see TokenSpec (dotnet/runtime#84484).
        Name = name ?? string.Empty;
        MasterKeyLabel = masterKeyLabel;
    }

    /// <summary>Name of an HSM in the operator's HSM settings; the namespace must be allowed by its namespaceSelector.</summary>
    [Required]
    [MaxLength(63)]
    [Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    public string Name { get; init; }

    /// <summary>
    /// Label of the master key on the token (a generic secret key, sensitive and not extractable, created with
    /// key-operator hsm init-master or the HSM's own tools). Required for token, hmac and basicAuth.
    /// </summary>
    [MinLength(1)]
    [MaxLength(128)]
    public string? MasterKeyLabel { get; init; }
}
