// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceColumnDefinition: one extra <c>kubectl get</c> column.</summary>
public sealed record CustomResourceColumnDefinition
{
    /// <summary>Column header.</summary>
    public string? Name { get; init; }

    /// <summary>OpenAPI type: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>date</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Optional OpenAPI format.</summary>
    public string? Format { get; init; }

    /// <summary>Column description.</summary>
    public string? Description { get; init; }

    /// <summary>0 shows the column by default; higher values only with <c>-o wide</c>.</summary>
    public int? Priority { get; init; }

    /// <summary>Simple JSONPath evaluated against each object.</summary>
    public string? JsonPath { get; init; }
}
