// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary>
/// Moves our kinds in and out of the library's CustomObjects operations, which take and return untyped JSON: our
/// source-generated context does the typing, so the library's reflection-based serializer never sees our types.
/// </summary>
internal static class CustomObjectJson
{
    public static JsonElement ToBody<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToElement(value, typeInfo);

    public static T FromBody<T>(object? body, JsonTypeInfo<T> typeInfo) => body is JsonElement element
        ? element.Deserialize(typeInfo) ?? throw new JsonException("The API server returned null for " + typeof(T).Name + ".")
        : throw new JsonException("The API server returned no JSON object for " + typeof(T).Name + ".");
}
