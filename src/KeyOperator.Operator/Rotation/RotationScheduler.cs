// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Rotation;

/// <summary>
/// When a key is rotated next: pure functions of the policy, the key's history and its uid. No clock is read here;
/// callers pass <c>now</c>, so results are reproducible and the schedule survives operator restarts unchanged.
/// </summary>
internal static class RotationScheduler
{
    /// <summary>Operator default for <c>minimumInterval</c>.</summary>
    public static readonly TimeSpan DefaultMinimumInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The instant the key is due for rotation, at whole seconds; null when the policy never rotates it.
    /// </summary>
    /// <param name="policy">The effective policy.</param>
    /// <param name="keyCreatedAt">When the current key version was minted.</param>
    /// <param name="lastRotation">When the key was last rotated, if ever.</param>
    /// <param name="notAfter">Expiry of the current key version; when null it is derived from maxAge.</param>
    /// <param name="uid">The ApiKey's uid: the seed of its fixed jitter.</param>
    /// <param name="minimumInterval">No rotation sooner than this after the last one (or after creation).</param>
    /// <remarks>
    /// <para>The schedule counts from the later of <paramref name="keyCreatedAt"/> and <paramref name="lastRotation"/>,
    /// so however many firings passed while the operator was down, the result lies in the past once and the key is
    /// rotated once; the next one counts from that rotation.</para>
    /// <para>Jitter: a fixed delay in [0, jitter) per key. With cron it delays each firing; the firing is sought from
    /// (anchor - delay) so that delays do not accumulate. With every it lengthens the key's interval, spreading keys
    /// created together. Expiry-driven times are never delayed, so jitter cannot push a key past its notAfter.</para>
    /// </remarks>
    public static DateTimeOffset? NextRotation(
        EffectiveRotationPolicy policy,
        DateTimeOffset keyCreatedAt,
        DateTimeOffset? lastRotation,
        DateTimeOffset? notAfter,
        string uid,
        TimeSpan minimumInterval)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(uid);

        DateTimeOffset anchor = lastRotation is { } last && last > keyCreatedAt ? last : keyCreatedAt;
        TimeSpan delay = JitterOffset(uid, policy.Jitter);

        DateTimeOffset? scheduled = null;
        if (policy.Every is { } every)
        {
            scheduled = anchor + every + delay;
        }
        else if (policy.Cron is { } cron)
        {
            scheduled = cron.NextAfter(anchor - delay, policy.TimeZone) + delay;
        }

        DateTimeOffset? expiry = ExpiryRotation(policy, keyCreatedAt, notAfter);
        DateTimeOffset? next = (scheduled, expiry) switch
        {
            ({ } s, { } e) => s < e ? s : e,
            ({ } s, null) => s,
            (null, { } e) => e,
            _ => null,
        };

        if (next is not { } result)
        {
            return null;
        }

        DateTimeOffset floor = anchor + (minimumInterval > TimeSpan.Zero ? minimumInterval : TimeSpan.Zero);
        return SecondPrecision.Ceiling(result < floor ? floor : result);
    }

    /// <summary>
    /// When expiry alone would rotate the key (notAfter - rotateBefore), at whole seconds; null when keys do not expire.
    /// </summary>
    public static DateTimeOffset? ExpiryRotationTime(EffectiveRotationPolicy policy, DateTimeOffset keyCreatedAt, DateTimeOffset? notAfter)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return ExpiryRotation(policy, keyCreatedAt, notAfter) is { } expiry ? SecondPrecision.Ceiling(expiry) : null;
    }

    /// <summary>Expiry of a key version minted at <paramref name="createdAt"/>: createdAt + maxAge, at whole seconds.</summary>
    public static DateTimeOffset? NotAfter(EffectiveRotationPolicy policy, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.MaxAge is { } maxAge ? SecondPrecision.Truncate(createdAt + maxAge) : null;
    }

    /// <summary>
    /// The key's fixed jitter: SHA-256 of its uid read as a fraction in [0, 1), times <paramref name="bound"/>,
    /// truncated to whole seconds. The same uid always gets the same delay, on every replica and after restarts.
    /// </summary>
    public static TimeSpan JitterOffset(string uid, TimeSpan bound)
    {
        ArgumentNullException.ThrowIfNull(uid);
        if (bound <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(uid), hash);
        ulong sample = BinaryPrimitives.ReadUInt64BigEndian(hash);
        UInt128 ticks = (UInt128)sample * (ulong)bound.Ticks >> 64;
        long whole = (long)ticks - ((long)ticks % TimeSpan.TicksPerSecond);
        return TimeSpan.FromTicks(whole);
    }

    private static DateTimeOffset? ExpiryRotation(EffectiveRotationPolicy policy, DateTimeOffset keyCreatedAt, DateTimeOffset? notAfter)
    {
        DateTimeOffset? expiry = notAfter ?? NotAfter(policy, keyCreatedAt);
        if (expiry is not { } end)
        {
            return null;
        }

        // Default: rotate when two thirds of the lifetime have passed, as cert-manager renews certificates.
        TimeSpan lifetime = end - keyCreatedAt;
        TimeSpan before = policy.RotateBefore ?? lifetime / 3;
        return end - (before > TimeSpan.Zero ? before : TimeSpan.Zero);
    }
}
