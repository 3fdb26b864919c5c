// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Tests.Rotation;

/// <summary>Builds effective policies through the real compiler, so tests use only valid combinations.</summary>
internal static class PolicyFactory
{
    public static EffectiveRotationPolicy Create(
        string? every = null,
        string? cron = null,
        string? timeZone = null,
        string? maxAge = null,
        string? rotateBefore = null,
        string? jitter = null,
        string? gracePeriod = null,
        RotationStrategy strategy = RotationStrategy.Overlapping)
    {
        var spec = new RotationPolicySpec
        {
            Schedule = every is null && cron is null ? null : new RotationScheduleSpec { Every = every, Cron = cron, TimeZone = timeZone },
            MaxAge = maxAge,
            RotateBefore = rotateBefore,
            Jitter = jitter,
            GracePeriod = gracePeriod,
            Strategy = strategy,
        };
        RotationPolicyCompilation compilation = RotationPolicyCompiler.Compile(spec);
        Assert.True(compilation.IsValid, string.Join("; ", compilation.Errors));
        return compilation.Policy;
    }
}
