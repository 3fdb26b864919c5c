// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Queue;

/// <summary>
/// A token bucket with reservations, porting the semantics of golang.org/x/time/rate (rate.go: Limiter.reserveN and
/// advance): the bucket starts full, refills at <c>limit</c> tokens per second up to <c>burst</c>, and a reservation
/// may drive the balance negative, which is the delay the caller must wait.
/// </summary>
public sealed class TokenBucket
{
    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly double _limit;
    private readonly int _burst;
    private double _tokens;
    private long _last;

    /// <summary>Creates a full bucket.</summary>
    /// <param name="limit">Tokens added per second.</param>
    /// <param name="burst">Capacity.</param>
    /// <param name="time">The clock.</param>
    public TokenBucket(double limit, int burst, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _limit = limit;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>Takes one token and returns how long the caller must wait before acting (rate.Reservation.Delay).</summary>
    public TimeSpan Reserve()
    {
        lock (_sync)
        {
            var now = _time.GetTimestamp();
            var tokens = Advance(now) - 1;
            _last = Math.Max(now, _last);
            _tokens = tokens;
            return tokens < 0 ? TimeSpan.FromSeconds(-tokens / _limit) : TimeSpan.Zero;
        }
    }

    /// <summary>Takes one token if one is available now (rate.Limiter.Allow); never goes into debt.</summary>
    public bool TryTake()
    {
        lock (_sync)
        {
            var now = _time.GetTimestamp();
            var tokens = Advance(now);
            _last = Math.Max(now, _last);
            if (tokens < 1)
            {
                _tokens = tokens;
                return false;
            }

            _tokens = tokens - 1;
            return true;
        }
    }

    /// <summary>Tokens available at <paramref name="now"/>, capped at burst (rate.Limiter.advance).</summary>
    private double Advance(long now)
    {
        var last = Math.Min(_last, now);
        var elapsedSeconds = (now - last) / (double)_time.TimestampFrequency;
        return Math.Min(_burst, _tokens + (elapsedSeconds * _limit));
    }
}
