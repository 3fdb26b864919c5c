// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;

namespace KeyOperator.Kubernetes.Models;

/// <summary>admission.k8s.io/v1 AdmissionRequest. Objects are raw JSON, since any kind can be admitted.</summary>
public sealed record AdmissionRequest
{
    /// <summary>Identifies this call; the response must carry the same uid.</summary>
    public string? Uid { get; init; }

    /// <summary>Kind of the object, as converted for the webhook.</summary>
    public GroupVersionKind? Kind { get; init; }

    /// <summary>Resource being admitted.</summary>
    public GroupVersionResource? Resource { get; init; }

    /// <summary>Subresource, such as <c>status</c>.</summary>
    public string? SubResource { get; init; }

    /// <summary>Kind of the original request, before conversion.</summary>
    public GroupVersionKind? RequestKind { get; init; }

    /// <summary>Resource of the original request.</summary>
    public GroupVersionResource? RequestResource { get; init; }

    /// <summary>Subresource of the original request.</summary>
    public string? RequestSubResource { get; init; }

    /// <summary>Object name (may be empty on CREATE with generateName).</summary>
    public string? Name { get; init; }

    /// <summary>Object namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary><c>CREATE</c>, <c>UPDATE</c>, <c>DELETE</c> or <c>CONNECT</c>.</summary>
    public string? Operation { get; init; }

    /// <summary>Who sent the request.</summary>
    public AdmissionUserInfo? UserInfo { get; init; }

    /// <summary>The new object (absent on DELETE).</summary>
    public JsonElement? Object { get; init; }

    /// <summary>The existing object (UPDATE and DELETE).</summary>
    public JsonElement? OldObject { get; init; }

    /// <summary>True when the request will not be persisted: a webhook must then have no side effects.</summary>
    public bool? DryRun { get; init; }

    /// <summary>The operation's options (CreateOptions, UpdateOptions, …).</summary>
    public JsonElement? Options { get; init; }
}
