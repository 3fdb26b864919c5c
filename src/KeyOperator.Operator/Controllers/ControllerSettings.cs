// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers;

/// <summary>Settings of KeyOperator's controllers that the host decides (production or <c>dev</c>).</summary>
internal sealed record ControllerSettings
{
    /// <summary>Concurrent reconciles of the ApiKey controller.</summary>
    public int ApiKeyWorkers { get; init; } = 4;

    /// <summary>The shortest rotation interval a policy may ask for (operator setting; <c>dev</c> lowers it to 5 s).</summary>
    public TimeSpan MinimumRotationInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How keys that share a restart target are batched into one rollout (see <see cref="ApiKeys.RestartBatch"/>).</summary>
    public RestartBatchOptions RestartBatch { get; init; } = new();
}
