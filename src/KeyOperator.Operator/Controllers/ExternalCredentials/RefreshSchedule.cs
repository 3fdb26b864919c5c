// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>
/// When an ExternalCredential is read again: <c>lastSyncTime + interval + jitter</c>, the jitter a deterministic
/// fraction (at most 10 %) of the interval derived from the object's UID, so objects created together spread out and
/// an operator restart does not refresh everything at once (ESO #4231): the schedule comes from status, not from
/// when the process started.
/// </summary>
internal static class RefreshSchedule
{
    /// <summary>The default interval when the spec gives none.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    /// <summary>The jitter of an object: the same for the same UID and interval, between 0 and 10 % of the interval.</summary>
    public static TimeSpan Jitter(string? uid, TimeSpan interval)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(uid ?? string.Empty));
        double fraction = BinaryPrimitives.ReadUInt64BigEndian(hash) / (double)ulong.MaxValue;
        return TimeSpan.FromTicks((long)(interval.Ticks * 0.1 * fraction));
    }

    /// <summary>The next refresh after a sync at <paramref name="lastSync"/>; null when the interval is 0 (sync once).</summary>
    public static DateTimeOffset? Next(DateTimeOffset lastSync, TimeSpan interval, string? uid) =>
        interval == TimeSpan.Zero ? null : lastSync + interval + Jitter(uid, interval);
}
