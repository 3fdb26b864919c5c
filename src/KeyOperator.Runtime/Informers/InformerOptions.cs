// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel.DataAnnotations;

namespace KeyOperator.Runtime.Informers;

/// <summary>Settings of one informer; the defaults are client-go's reflector defaults.</summary>
public sealed class InformerOptions
{
    /// <summary>A name for logs and readiness (for example the resource plural).</summary>
    [Required]
    public string Name { get; set; } = "informer";

    /// <summary>An equality-based label selector, or null; Secrets use <see cref="EqualitySelector.ManagedByKeyOperator"/>.</summary>
    public string? LabelSelector { get; set; }

    /// <summary>LIST page size (client-go pager: 500).</summary>
    [Range(1, int.MaxValue)]
    public int PageSize { get; set; } = 500;

    /// <summary>Lower bound of the randomized watch timeout; the timeout is drawn from [min, 2 × min) (reflector.go: 5 min).</summary>
    public TimeSpan MinWatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Extra silence tolerated past the watch timeout before the watchdog restarts the watch.</summary>
    public TimeSpan WatchdogSlack { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay (reflector.go: 800 ms).</summary>
    public TimeSpan BackoffInitial { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Reconnect delay cap before jitter (reflector.go: 30 s).</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The backoff resets when no backoff was needed for this long (reflector.go: 2 min).</summary>
    public TimeSpan BackoffReset { get; set; } = TimeSpan.FromMinutes(2);
}
