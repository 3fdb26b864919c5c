// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>Options of create, replace and patch.</summary>
public sealed record WriteOptions
{
    /// <summary>Name recorded in <c>managedFields</c> for this change.</summary>
    public string? FieldManager { get; init; }

    /// <summary>Validate and run admission, but persist nothing (<c>dryRun=All</c>).</summary>
    public bool DryRun { get; init; }

    /// <summary><c>Ignore</c>, <c>Warn</c> or <c>Strict</c> handling of unknown and duplicate fields.</summary>
    public string? FieldValidation { get; init; }

    /// <summary>Subresource to write, such as <c>status</c>.</summary>
    public string? Subresource { get; init; }
}
