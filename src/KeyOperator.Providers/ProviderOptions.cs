// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel.DataAnnotations;

namespace KeyOperator.Providers;

/// <summary>Limits of the store clients, per store (not per object).</summary>
public sealed class ProviderOptions
{
    /// <summary>Sustained requests per second to one store (default 10).</summary>
    [Range(0.1, 10_000)]
    public double RequestsPerSecond { get; set; } = 10;

    /// <summary>Requests that may go to one store at once (default 20).</summary>
    [Range(1, 100_000)]
    public int Burst { get; set; } = 20;

    /// <summary>Timeout of one store request (default 30 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A shared client nobody used for this long is dropped with its token (default 1 h).</summary>
    public TimeSpan ClientIdleTimeout { get; set; } = TimeSpan.FromHours(1);
}
