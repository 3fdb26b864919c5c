// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel.DataAnnotations;

namespace KeyOperator.Runtime.Queue;

/// <summary>Settings of a rate-limited work queue; the defaults are client-go's controller defaults.</summary>
public sealed class WorkQueueOptions
{
    /// <summary>The queue name, used as the metrics label <c>name</c>.</summary>
    [Required]
    public string Name { get; set; } = "default";

    /// <summary>First per-item retry delay (client-go: 5 ms).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Cap of the per-item retry delay (client-go: 1000 s).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(1000);

    /// <summary>Refill rate of the overall retry token bucket (client-go: 10 per second).</summary>
    public double Qps { get; set; } = 10;

    /// <summary>Size of the overall retry token bucket (client-go: 100).</summary>
    [Range(1, int.MaxValue)]
    public int Burst { get; set; } = 100;
}
