// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>Options of a LIST (apimachinery ListOptions).</summary>
public sealed record ListOptions
{
    /// <summary>Label selector, such as <c>app=web,tier!=db</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector, such as <c>metadata.name=foo</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size; the server returns a continue token when more remain.</summary>
    public int? Limit { get; init; }

    /// <summary>Continue token from the previous page; expires after about 5 minutes (then 410).</summary>
    public string? Continue { get; init; }

    /// <summary>Unset for a consistent read; <c>0</c> accepts any cached state.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary><c>NotOlderThan</c> or <c>Exact</c>; only together with <see cref="ResourceVersion"/>.</summary>
    public string? ResourceVersionMatch { get; init; }

    /// <summary>Server-side timeout of the call.</summary>
    public int? TimeoutSeconds { get; init; }
}
