// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>Counts leader callbacks running at once; more than one at any instant is a split brain.</summary>
internal sealed class LeadershipMonitor
{
    private int _running;
    private int _maxRunning;

    public int MaxConcurrentLeaders => Volatile.Read(ref _maxRunning);

    public void Enter()
    {
        var now = Interlocked.Increment(ref _running);
        int max;
        while (now > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, max) != max)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref _running);
}
