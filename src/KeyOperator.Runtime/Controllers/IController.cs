// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Controllers;

/// <summary>A controller the <see cref="ControllerManager"/> can run.</summary>
public interface IController
{
    /// <summary>The controller name (metrics label <c>controller</c>, queue name).</summary>
    string Name { get; }

    /// <summary>Waits for the caches, then runs the workers until <paramref name="cancellationToken"/> fires.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
