// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.Resources;

/// <summary>One extra Table column, as a CRD's <c>additionalPrinterColumns</c> entry describes it.</summary>
public sealed record PrinterColumn
{
    /// <summary>Column header, such as <c>Ready</c>.</summary>
    public required string Name { get; init; }

    /// <summary>OpenAPI type: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>date</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Simple JSONPath into the object, such as <c>.status.conditions[?(@.type=="Ready")].status</c>.</summary>
    public required string JsonPath { get; init; }

    /// <summary>Optional format hint such as <c>name</c>.</summary>
    public string? Format { get; init; }

    /// <summary>Column description.</summary>
    public string? Description { get; init; }

    /// <summary>0 for default output; greater values appear only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}
