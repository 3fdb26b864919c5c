// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.Kubernetes.Models;

/// <summary>apiextensions.k8s.io/v1 CustomResourceSubresources.</summary>
public sealed record CustomResourceSubresources
{
    /// <summary>Present (as <c>{}</c>) to enable the <c>/status</c> subresource.</summary>
    public JsonObject? Status { get; init; }

    /// <summary>Scale subresource paths, raw.</summary>
    public JsonObject? Scale { get; init; }
}
