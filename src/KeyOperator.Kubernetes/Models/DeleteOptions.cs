// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>meta/v1 DeleteOptions, sent as the body of a DELETE.</summary>
public sealed record DeleteOptions
{
    /// <summary>Always <c>DeleteOptions</c>.</summary>
    public string? Kind { get; init; } = "DeleteOptions";

    /// <summary>Always <c>v1</c>.</summary>
    public string? ApiVersion { get; init; } = "v1";

    /// <summary>Seconds before the object is deleted; 0 deletes immediately. Null uses the kind's default.</summary>
    public long? GracePeriodSeconds { get; init; }

    /// <summary>The delete fails with 409 Conflict unless the object still has this uid and/or resourceVersion.</summary>
    public Preconditions? Preconditions { get; init; }

    /// <summary><c>Orphan</c>, <c>Background</c> or <c>Foreground</c> (see <see cref="PropagationPolicies"/>).</summary>
    public string? PropagationPolicy { get; init; }

    /// <summary><c>["All"]</c> to validate without persisting.</summary>
    public IReadOnlyList<string>? DryRun { get; init; }
}
