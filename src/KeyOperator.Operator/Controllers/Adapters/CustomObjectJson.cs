// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary>
/// Moves our kinds in and out of the library's CustomObjects operations, which take and return untyped JSON: our
/// source-generated context does the typing, so the library's reflection-based serializer never sees our types.
/// </summary>
internal static class CustomObjectJson
{
    /// <summary>
    /// The request body for a write. <c>metadata.managedFields</c> is left out: sent back on an update it would replace
    /// the server's record of field ownership; left out, the server keeps it.
    /// </summary>
    public static JsonObject ToBody<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        JsonObject body = JsonSerializer.SerializeToNode(value, typeInfo) as JsonObject ?? throw new JsonException(typeof(T).Name + " did not serialize to an object.");
        (body["metadata"] as JsonObject)?.Remove("managedFields");
        return body;
    }

    public static T FromBody<T>(object? body, JsonTypeInfo<T> typeInfo) => body is JsonElement element
        ? element.Deserialize(typeInfo) ?? throw new JsonException("The API server returned null for " + typeof(T).Name + ".")
        : throw new JsonException("The API server returned no JSON object for " + typeof(T).Name + ".");
}
