// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.LeaderElection;

/// <summary>Runs work only while this process holds the lease.</summary>
public interface ILeaderElector
{
    /// <summary>True while this process is the leader.</summary>
    bool IsLeader { get; }

    /// <summary>
    /// Competes for the lease until <paramref name="cancellationToken"/> fires or leadership is lost. While leading,
    /// <paramref name="onStartedLeading"/> runs with a token that is cancelled the moment leadership ends;
    /// <paramref name="onStoppedLeading"/> is called once when this method ends (also if it never led).
    /// </summary>
    Task RunAsync(Func<CancellationToken, Task> onStartedLeading, Action onStoppedLeading, CancellationToken cancellationToken);
}
