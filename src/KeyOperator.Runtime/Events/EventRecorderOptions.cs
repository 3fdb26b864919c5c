// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel.DataAnnotations;

namespace KeyOperator.Runtime.Events;

/// <summary>Event recorder settings; the correlation defaults are client-go tools/record/events_cache.go's.</summary>
public sealed class EventRecorderOptions
{
    /// <summary>reportingController.</summary>
    [Required]
    public string ReportingController { get; set; } = "keyoperator.io/key-operator";

    /// <summary>reportingInstance (the pod name in a cluster).</summary>
    [Required]
    public string ReportingInstance { get; set; } = Environment.MachineName;

    /// <summary>Events waiting to be written; further events are dropped (client-go's broadcaster queue is 1000).</summary>
    [Range(1, int.MaxValue)]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Distinct messages per (object, type, reason) within the interval before they are combined (10).</summary>
    [Range(1, int.MaxValue)]
    public int AggregateMaxEvents { get; set; } = 10;

    /// <summary>Window of the aggregation (600 s).</summary>
    public TimeSpan AggregateInterval { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>Spam filter bucket size per (object, type, reason, message) (25).</summary>
    [Range(1, int.MaxValue)]
    public int SpamBurst { get; set; } = 25;

    /// <summary>Spam filter refill rate in events per second (1/300).</summary>
    public double SpamQps { get; set; } = 1.0 / 300;

    /// <summary>Entries of each correlation cache (4096).</summary>
    [Range(1, int.MaxValue)]
    public int CacheSize { get; set; } = 4096;
}
