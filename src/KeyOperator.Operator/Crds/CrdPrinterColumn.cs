// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Crds;

/// <summary>One <c>additionalPrinterColumns</c> entry: a column of <c>kubectl get</c>.</summary>
internal sealed record CrdPrinterColumn
{
    /// <summary>Column header.</summary>
    public required string Name { get; init; }

    /// <summary>OpenAPI type: string, integer, number, boolean or date (date renders as an age).</summary>
    public required string Type { get; init; }

    /// <summary>Simple JSONPath into the object.</summary>
    public required string JsonPath { get; init; }

    /// <summary>Human-readable description of the column.</summary>
    public string? Description { get; init; }

    /// <summary>0 for default output; greater values appear only with <c>-o wide</c>. Omitted from the CRD when 0.</summary>
    public int Priority { get; init; }
}
