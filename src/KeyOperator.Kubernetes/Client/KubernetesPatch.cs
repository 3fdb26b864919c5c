// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.Kubernetes;

/// <summary>A patch document and its media type (apimachinery <c>pkg/types/patch.go</c>).</summary>
public sealed record KubernetesPatch
{
    private KubernetesPatch(string contentType, JsonNode body)
    {
        ContentType = contentType;
        Body = body;
    }

    /// <summary>The media type sent as Content-Type.</summary>
    public string ContentType { get; }

    /// <summary>The patch document.</summary>
    public JsonNode Body { get; }

    /// <summary>RFC 7386 JSON merge patch: <c>null</c> deletes a key, lists are replaced whole.</summary>
    /// <param name="patch">The partial object.</param>
    public static KubernetesPatch Merge(JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return new KubernetesPatch("application/merge-patch+json", patch);
    }

    /// <summary>RFC 6902 JSON patch: a list of operations, such as a <c>test</c> of the resourceVersion then a <c>replace</c>.</summary>
    /// <param name="operations">The operations.</param>
    public static KubernetesPatch Json(JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return new KubernetesPatch("application/json-patch+json", operations);
    }

    /// <summary>Strategic merge patch; built-in kinds only (custom resources reject it with 415).</summary>
    /// <param name="patch">The partial object.</param>
    public static KubernetesPatch StrategicMerge(JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return new KubernetesPatch("application/strategic-merge-patch+json", patch);
    }
}
