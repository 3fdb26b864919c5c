// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers;

/// <summary>How long a committed rotation holds its restarts back so that keys rotating with it share one rollout.</summary>
internal sealed record RestartBatchOptions
{
    /// <summary>
    /// Restarts wait at least this long after the commit, so that keys asked to rotate at the same moment (a
    /// <c>rotate --all</c>, one cron schedule) have time to start and be seen.
    /// </summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The longest a restart waits, counted from the commit, for other keys of the same workload whose rotation is due
    /// or under way but not yet committed. After it the workload is restarted anyway: a stuck key must not hold the
    /// others back.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiting restart looks again.</summary>
    public TimeSpan Poll { get; init; } = TimeSpan.FromSeconds(1);
}
