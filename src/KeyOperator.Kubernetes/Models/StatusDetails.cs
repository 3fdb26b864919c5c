// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>meta/v1 StatusDetails: which object an error concerns and why, field by field.</summary>
public sealed record StatusDetails
{
    /// <summary>Name of the object concerned.</summary>
    public string? Name { get; init; }

    /// <summary>API group of the object concerned.</summary>
    public string? Group { get; init; }

    /// <summary>Kind (or resource) of the object concerned.</summary>
    public string? Kind { get; init; }

    /// <summary>Uid of the object concerned.</summary>
    public string? Uid { get; init; }

    /// <summary>Field-level causes, for <c>Invalid</c> and field-manager conflicts.</summary>
    public IReadOnlyList<StatusCause>? Causes { get; init; }

    /// <summary>Seconds to wait before retrying, for throttling and timeouts.</summary>
    public int? RetryAfterSeconds { get; init; }
}
