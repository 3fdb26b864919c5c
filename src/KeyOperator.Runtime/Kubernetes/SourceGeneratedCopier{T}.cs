// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>Deep-copies one of our kinds by a JSON round trip through its source-generated type information.</summary>
/// <typeparam name="T">The kind.</typeparam>
public sealed class SourceGeneratedCopier<T>(JsonTypeInfo<T> typeInfo) : IObjectCopier<T>
    where T : class
{
    /// <inheritdoc />
    public T DeepCopy(T obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(obj, typeInfo), typeInfo)
            ?? throw new JsonException("A copy deserialized to null.");
    }
}
