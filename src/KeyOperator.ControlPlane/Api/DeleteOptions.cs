// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Api;

/// <summary>meta/v1 DeleteOptions, from the request body or query.</summary>
internal sealed record DeleteOptions
{
    /// <summary>Background (default), Foreground or Orphan.</summary>
    public string PropagationPolicy { get; init; } = "Background";

    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }

    public bool DryRun { get; init; }

    public long? GracePeriodSeconds { get; init; }
}
