// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Conditions;

/// <summary>
/// Helpers for a condition list used as a map keyed by type (apimachinery pkg/api/meta/conditions.go
/// SetCondition). The lists are immutable; every change returns a new list.
/// </summary>
public static class Conditions
{
    /// <summary>
    /// Sets the condition of <paramref name="type"/>: lastTransitionTime becomes <paramref name="now"/> only when the
    /// status flips (or the condition is new); reason, message and observedGeneration always take the new values.
    /// Returns the same list instance when nothing changed, so callers can skip a status write by reference.
    /// </summary>
    public static IReadOnlyList<Condition> Set(
        IReadOnlyList<Condition>? conditions,
        string type,
        string status,
        string reason,
        string? message,
        long? observedGeneration,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(status);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        conditions ??= [];

        // meta/v1 Time is serialized at second precision: a sub-second transition time would read back different
        // from what was written, and every reconcile would then see a change and write status again.
        now = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var index = IndexOf(conditions, type);
        if (index < 0)
        {
            var added = new Condition
            {
                Type = type,
                Status = status,
                Reason = reason,
                Message = message,
                ObservedGeneration = observedGeneration,
                LastTransitionTime = now,
            };
            return [.. conditions, added];
        }

        var existing = conditions[index];
        var updated = existing with
        {
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = observedGeneration,
            LastTransitionTime = string.Equals(existing.Status, status, StringComparison.Ordinal) ? existing.LastTransitionTime ?? now : now,
        };
        if (updated == existing)
        {
            return conditions;
        }

        var result = conditions.ToArray();
        result[index] = updated;
        return result;
    }

    /// <summary>Returns the condition of <paramref name="type"/>, or null.</summary>
    public static Condition? Find(IReadOnlyList<Condition>? conditions, string type)
    {
        var index = conditions is null ? -1 : IndexOf(conditions, type);
        return index < 0 ? null : conditions![index];
    }

    /// <summary>True when the condition exists with status True.</summary>
    public static bool IsTrue(IReadOnlyList<Condition>? conditions, string type) =>
        Find(conditions, type)?.Status == ConditionStatus.True;

    /// <summary>The condition's status, or Unknown when it is missing.</summary>
    public static string StatusOf(IReadOnlyList<Condition>? conditions, string type) =>
        Find(conditions, type)?.Status ?? ConditionStatus.Unknown;

    /// <summary>Removes the condition of <paramref name="type"/>; returns the same instance if it was absent.</summary>
    public static IReadOnlyList<Condition> Remove(IReadOnlyList<Condition>? conditions, string type)
    {
        conditions ??= [];
        return IndexOf(conditions, type) < 0 ? conditions : [.. conditions.Where(c => !string.Equals(c.Type, type, StringComparison.Ordinal))];
    }

    private static int IndexOf(IReadOnlyList<Condition> conditions, string type)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            if (string.Equals(conditions[i].Type, type, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
