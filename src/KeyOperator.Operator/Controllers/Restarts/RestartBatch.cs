// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator.Controllers.Restarts;

/// <summary>
/// Decides whether a restart (of a rotation, or of an ExternalCredential's data change) should wait for ApiKeys of
/// the same workloads, so that keys rotating together roll a workload once: the last of them to restart records all their versions in one patch
/// (<see cref="WorkloadRestarter"/>), and the others then find their restart done. Only uncommitted rotations are
/// waited for, and never beyond <see cref="RestartBatchOptions.MaxWait"/>, so two keys can never wait for each other.
/// </summary>
internal static class RestartBatch
{
    /// <summary>When to look again, or null to restart now.</summary>
    /// <param name="namespace">The namespace of the restarting object.</param>
    /// <param name="entry">Its restart-annotation entry (<see cref="WorkloadRestarter.EntryFor(ApiKey)"/>), never waited for.</param>
    /// <param name="targets">Its restart targets.</param>
    /// <param name="others">The ApiKeys known to the operator (the informer cache).</param>
    /// <param name="committedAt">When the rotation or data change was committed; null restarts at once.</param>
    /// <param name="now">The current time.</param>
    /// <param name="options">The batching windows.</param>
    public static DateTimeOffset? DeferUntil(string @namespace, string entry, IReadOnlyCollection<RestartTarget> targets, IEnumerable<ApiKey> others, DateTimeOffset? committedAt, DateTimeOffset now, RestartBatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(others);
        ArgumentNullException.ThrowIfNull(options);
        if (committedAt is not { } committed || targets.Count == 0)
        {
            return null;
        }

        DateTimeOffset settled = committed + options.Settle;
        if (now < settled)
        {
            return settled;
        }

        DateTimeOffset giveUp = committed + options.MaxWait;
        if (now >= giveUp || !others.Any(other => SharesTarget(@namespace, entry, targets, other) && RotationComing(other, now)))
        {
            return null;
        }

        DateTimeOffset next = now + options.Poll;
        return next < giveUp ? next : giveUp;
    }

    private static bool SharesTarget(string @namespace, string entry, IReadOnlyCollection<RestartTarget> targets, ApiKey other) =>
        other.Metadata.NamespaceProperty == @namespace
        && WorkloadRestarter.EntryFor(other) != entry
        && other.Metadata.DeletionTimestamp is null
        && other.Spec.RestartTargets?.Any(targets.Contains) == true;

    // Due or under way, but its new version not yet in status: its restart would otherwise come later, separately.
    private static bool RotationComing(ApiKey other, DateTimeOffset now)
    {
        ApiKeyStatus? status = other.Status;
        if (status?.CurrentVersion is null)
        {
            return false;
        }

        if (RotationStateCodec.FromJson(status.Rotation) is { InProgress: true } state)
        {
            return state.Phase < RotationPhase.StatusCommitted;
        }

        string? requested = ObjectViews.Annotations(other.Metadata).GetValueOrDefault(ApiKeyConstants.Annotations.Rotate);
        return (!string.IsNullOrEmpty(requested) && requested != status.LastRotateAnnotation)
            || (status.NextRotationTime is { } due && SecondPrecision.IsDue(due, now));
    }
}
