// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Hosting;

namespace KeyOperator.Runtime.Tests.TestSupport;

/// <summary>Records StopApplication calls.</summary>
internal sealed class FakeLifetime : IHostApplicationLifetime
{
    private volatile bool _stopRequested;

    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => CancellationToken.None;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public bool StopRequested => _stopRequested;

    public void StopApplication() => _stopRequested = true;
}
