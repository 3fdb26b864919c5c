// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane;

/// <summary>
/// The requests matching a <see cref="FaultTarget"/>, in arrival order, from <see cref="FaultInjector.Record"/>
/// until disposed. Requests failed by an injected fault are recorded too: they reached the server.
/// </summary>
public sealed class RequestRecording : IDisposable
{
    private readonly Lock _sync = new();
    private readonly List<FaultRequest> _requests = [];
    private readonly Action<RequestRecording> _stop;

    internal RequestRecording(FaultTarget target, Action<RequestRecording> stop)
    {
        Target = target;
        _stop = stop;
    }

    /// <summary>What is recorded.</summary>
    public FaultTarget Target { get; }

    /// <summary>A snapshot of the requests recorded so far.</summary>
    public IReadOnlyList<FaultRequest> Requests
    {
        get
        {
            lock (_sync)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Stops recording; the requests seen stay readable.</summary>
    public void Dispose() => _stop(this);

    internal void Add(FaultRequest request)
    {
        lock (_sync)
        {
            _requests.Add(request);
        }
    }
}
