// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Api;

/// <summary>Query options shared by writes (<c>dryRun</c>, <c>fieldManager</c>, <c>fieldValidation</c>, <c>force</c>).</summary>
internal sealed record RequestOptions
{
    public bool DryRun { get; init; }

    /// <summary>The field manager: the query parameter, or one derived from the User-Agent.</summary>
    public required string FieldManager { get; init; }

    /// <summary>True when the client named the manager explicitly (required for apply).</summary>
    public bool FieldManagerGiven { get; init; }

    /// <summary>Ignore, Warn (the server default) or Strict.</summary>
    public string FieldValidation { get; init; } = "Warn";

    public bool Force { get; init; }

    /// <summary>Warnings to return in <c>Warning</c> headers.</summary>
    public List<string> Warnings { get; } = [];
}
