// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>
/// Reconnect backoff of the reflector: client-go apimachinery pkg/util/wait/backoff.go
/// (exponentialBackoffManagerImpl with Backoff.Step), as reflector.go configures it: 800 ms doubling to 30 s,
/// jitter factor 1.0 (each delay is d + rand × d), reset to the initial value when the previous backoff started
/// more than 2 minutes ago, i.e. after 2 minutes without trouble.
/// </summary>
internal sealed class ReflectorBackoff
{
    private const double Factor = 2.0;
    private const double Jitter = 1.0;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly TimeSpan _reset;
    private TimeSpan _duration;
    private long? _lastStart;

    public ReflectorBackoff(TimeProvider time, Func<double> random, TimeSpan initial, TimeSpan max, TimeSpan reset)
    {
        _time = time;
        _random = random;
        _initial = initial;
        _max = max;
        _reset = reset;
        _duration = initial;
    }

    public TimeSpan Next()
    {
        var now = _time.GetTimestamp();
        if (_lastStart is { } last && _time.GetElapsedTime(last, now) > _reset)
        {
            _duration = _initial;
        }

        _lastStart = now;
        var current = _duration;
        var grown = TimeSpan.FromTicks((long)(_duration.Ticks * Factor));
        _duration = grown > _max ? _max : grown;
        return current + TimeSpan.FromTicks((long)(_random() * Jitter * current.Ticks));
    }
}
