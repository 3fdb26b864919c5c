// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>The type-independent view of an informer, used by readiness and by controllers that gate on sync.</summary>
public interface IInformer
{
    /// <summary>The informer name.</summary>
    string Name { get; }

    /// <summary>True once the first LIST was stored and dispatched.</summary>
    bool HasSynced { get; }

    /// <summary>Completes when <see cref="HasSynced"/> becomes true.</summary>
    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
