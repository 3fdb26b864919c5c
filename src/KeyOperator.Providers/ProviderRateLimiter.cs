// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Queue;

namespace KeyOperator.Providers;

/// <summary>
/// One request budget per store, shared by every client of that store: a token bucket (so 1,000 objects refreshing
/// together queue instead of tripping the store's own limits) and a pause the store can impose (429 with Retry-After,
/// AWS ThrottlingException), with exponential backoff when it gives no time.
/// </summary>
public sealed class ProviderRateLimiter
{
    private static readonly TimeSpan s_initialBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromMinutes(1);
    private readonly object _sync = new();
    private readonly TokenBucket _bucket;
    private readonly TimeProvider _time;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private TimeSpan _backoff = TimeSpan.Zero;

    /// <summary>Creates the limiter.</summary>
    /// <param name="requestsPerSecond">Sustained requests per second.</param>
    /// <param name="burst">Requests that may go at once.</param>
    /// <param name="time">The clock.</param>
    public ProviderRateLimiter(double requestsPerSecond, int burst, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _bucket = new TokenBucket(requestsPerSecond, burst, time);
        _time = time;
    }

    /// <summary>When the store's pause ends (MinValue when none is in force).</summary>
    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (_sync)
            {
                return _pausedUntil;
            }
        }
    }

    /// <summary>Waits for the store's pause to end and for a token.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the request may go.</returns>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        TimeSpan pause = PausedUntil - _time.GetUtcNow();
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
        }

        TimeSpan wait = _bucket.Reserve();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The store said slow down: pause every client of it for <paramref name="retryAfter"/>, or back off exponentially.</summary>
    /// <param name="retryAfter">The store's Retry-After, if it gave one.</param>
    /// <returns>How long the store is paused from now.</returns>
    public TimeSpan Throttled(TimeSpan? retryAfter)
    {
        lock (_sync)
        {
            _backoff = _backoff == TimeSpan.Zero ? s_initialBackoff : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, s_maxBackoff.Ticks));
            TimeSpan pause = retryAfter is { } given && given > TimeSpan.Zero ? given : _backoff;
            DateTimeOffset until = _time.GetUtcNow() + pause;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }

            return pause;
        }
    }

    /// <summary>A request succeeded: the next throttling starts its backoff from the beginning.</summary>
    public void Succeeded()
    {
        lock (_sync)
        {
            _backoff = TimeSpan.Zero;
        }
    }
}
