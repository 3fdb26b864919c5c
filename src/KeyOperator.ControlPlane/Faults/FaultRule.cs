// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane;

/// <summary>One failure or delay rule of the <see cref="FaultInjector"/>.</summary>
internal sealed class FaultRule(FaultTarget target)
{
    public FaultTarget Target { get; } = target;

    /// <summary>Matching requests still to let through before the rule starts to fail them.</summary>
    public int Skip { get; set; }

    public int Remaining { get; set; }

    public int StatusCode { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public TimeSpan Delay { get; init; }

    public FaultHandle Handle { get; } = new();
}
