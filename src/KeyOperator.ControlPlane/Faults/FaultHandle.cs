// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane;

/// <summary>
/// Tells a test when its injected failure happened, so it can act at exactly that point (for example stop the
/// process under test between two of its writes).
/// </summary>
public sealed class FaultHandle
{
    private readonly TaskCompletionSource<FaultRequest> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failures;

    /// <summary>Completes with the first request the rule failed.</summary>
    public Task<FaultRequest> FirstFailure => _first.Task;

    /// <summary>How many requests the rule failed so far.</summary>
    public int Failures => Volatile.Read(ref _failures);

    internal void Failed(FaultRequest request)
    {
        Interlocked.Increment(ref _failures);
        _first.TrySetResult(request);
    }
}
