// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel.DataAnnotations;
using KeyOperator.Operator.Controllers;
using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator;

/// <summary>
/// Settings of KeyOperator's controllers that the host decides (production or <c>key-operator-local</c>), bound by
/// <see cref="KeyOperatorServiceCollectionExtensions.AddKeyOperatorControllers"/> and validated at start.
/// </summary>
public sealed class KeyOperatorControllerOptions
{
    /// <summary>Concurrent reconciles of the ApiKey controller (<c>--workers</c>); 1 to 64.</summary>
    [Range(1, 64)]
    public int ApiKeyWorkers { get; set; } = 4;

    /// <summary>
    /// No scheduled rotation happens sooner than this after the previous one (or after the key was minted), whatever
    /// the policy says: a guard against a policy or clock mistake rotating keys in a tight loop. Manual rotations are
    /// not limited. 1 minute in production, 5 s in <c>key-operator-local</c>; at least 1 second.
    /// </summary>
    public TimeSpan MinimumRotationInterval { get; set; } = RotationScheduler.DefaultMinimumInterval;

    /// <summary>Concurrent reconciles of the ExternalCredential controller; 1 to 64.</summary>
    [Range(1, 64)]
    public int ExternalCredentialWorkers { get; set; } = 4;

    /// <summary>
    /// No ExternalCredential is read from its store more often than this, whatever its refreshInterval says (0, sync
    /// once, stays allowed): a guard against a spec hammering a shared store. 1 minute in production, 5 s in
    /// <c>key-operator-local</c>; at least 1 second.
    /// </summary>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The admission policy file (<c>--policy-file</c>), if any: the ExternalCredential controller honours its
    /// <c>allowInsecureProviderEndpoints</c> (plain <c>http://</c> store endpoints; refused without it).
    /// </summary>
    public string? PolicyFile { get; set; }

    /// <summary>How keys that share a restart target are batched into one rollout (see <see cref="Controllers.Restarts.RestartBatch"/>).</summary>
    internal RestartBatchOptions RestartBatch { get; set; } = new();
}
