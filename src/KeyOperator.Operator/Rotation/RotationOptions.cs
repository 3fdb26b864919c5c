// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Rotation;

/// <summary>Operator-wide rotation settings.</summary>
internal sealed class RotationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Rotation";

    /// <summary>Minimum interval suited to a development loop, where waiting a minute per rotation is tedious.</summary>
    public static readonly TimeSpan DevelopmentMinimumInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// No scheduled rotation happens sooner than this after the previous one (or after the key was minted),
    /// whatever the policy says: a guard against a policy or clock mistake rotating keys in a tight loop.
    /// Manual rotations are not limited. Default 1 minute; at least 1 second.
    /// </summary>
    public TimeSpan MinimumInterval { get; set; } = RotationScheduler.DefaultMinimumInterval;
}
