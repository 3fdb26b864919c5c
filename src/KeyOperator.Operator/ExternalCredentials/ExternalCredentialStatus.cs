// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;
using KeyOperator.Runtime.Conditions;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Observed state of an ExternalCredential, written only by the operator; never holds a secret value.</summary>
internal sealed record ExternalCredentialStatus
{
    /// <summary>The metadata.generation of the spec this status describes.</summary>
    public long? ObservedGeneration { get; init; }

    /// <summary>Ready is True once the target Secret holds what the store returned at the last sync.</summary>
    [ListMap("type")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    /// <summary>Which provider the spec names: vault, aws or azure.</summary>
    public string? Provider { get; init; }

    /// <summary>When the store was last read successfully; the next refresh is scheduled from it, also after an operator restart.</summary>
    public DateTimeOffset? LastSyncTime { get; init; }

    /// <summary>The remote versions synced (KV v2 version, AWS VersionId, Azure version), comma-separated in spec order.</summary>
    public string? SyncedVersion { get; init; }

    /// <summary>A keyed HMAC-SHA256 of the synced data ("hmac-sha256:" and hex), to see that it changed; never the data.</summary>
    public string? DataHash { get; init; }

    /// <summary>The keys of the Secret this object writes (names only), which <see cref="DataHash"/> covers.</summary>
    public IReadOnlyList<string>? SyncedKeys { get; init; }

    /// <summary>Counts changes of the synced data (1 after the first sync); restart targets are rolled once per increment.</summary>
    public int? DataVersion { get; init; }

    /// <summary>When <see cref="DataVersion"/> last changed; restarts for it are batched with rotating ApiKeys from then.</summary>
    public DateTimeOffset? DataChangedTime { get; init; }

    /// <summary>The Secret written.</summary>
    public string? SecretName { get; init; }

    /// <summary>Remote keys the store reported not found at the last sync, for the two-in-a-row confirmation of a deletion.</summary>
    public IReadOnlyList<string>? NotFoundKeys { get; init; }
}
