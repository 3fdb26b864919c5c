// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Conditions;

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>Computes a RotationPolicy's status from the result of compiling its spec.</summary>
internal static class RotationPolicyStatusBuilder
{
    /// <summary>
    /// The status to write: observedGeneration and a Ready condition whose lastTransitionTime moves only when its
    /// status flips (as apimachinery's <c>meta.SetStatusCondition</c> does); other condition types are kept.
    /// </summary>
    public static RotationPolicyStatus Build(
        RotationPolicyCompilation compilation,
        long? generation,
        RotationPolicyStatus? previous,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        Condition ready = compilation.IsValid
            ? new Condition
            {
                Type = RotationPolicyReasons.Ready,
                Status = "True",
                Reason = RotationPolicyReasons.Valid,
                Message = "the policy is valid",
                ObservedGeneration = generation,
            }
            : new Condition
            {
                Type = RotationPolicyReasons.Ready,
                Status = "False",
                Reason = compilation.Errors[0].Reason,
                Message = string.Join("; ", compilation.Errors),
                ObservedGeneration = generation,
            };

        IReadOnlyList<Condition> existing = previous?.Conditions ?? [];
        Condition? old = existing.FirstOrDefault(c => c.Type == ready.Type);
        ready = ready with
        {
            LastTransitionTime = old is not null && old.Status == ready.Status && old.LastTransitionTime is not null
                ? old.LastTransitionTime
                : TruncateToSecond(now),
        };

        var conditions = existing.Where(c => c.Type != ready.Type).Append(ready).ToList();
        return new RotationPolicyStatus { ObservedGeneration = generation, Conditions = conditions };
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
