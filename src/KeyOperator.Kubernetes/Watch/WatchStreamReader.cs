// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Watch;

/// <summary>
/// Decodes a watch response body: one meta/v1 WatchEvent per line, since the server writes each with Go's
/// <c>json.Encoder</c>, which appends a newline (apimachinery <c>pkg/runtime/serializer/json/json.go</c>). Lines are
/// reassembled across HTTP chunks, whose boundaries are arbitrary. ERROR events become exceptions.
/// </summary>
internal static class WatchStreamReader
{
    public static async IAsyncEnumerable<WatchEvent<T>> ReadAsync<T>(
        Stream stream, JsonTypeInfo<T> typeInfo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            yield return Parse(line, typeInfo);
        }
    }

    // Internal for testing.
    internal static WatchEvent<T> Parse<T>(string line, JsonTypeInfo<T> typeInfo)
    {
        using JsonDocument document = JsonDocument.Parse(line);
        JsonElement root = document.RootElement;
        string? type = root.TryGetProperty("type", out JsonElement typeElement) ? typeElement.GetString() : null;
        if (!root.TryGetProperty("object", out JsonElement objectElement) || objectElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"A watch event of type '{type}' carries no object.");
        }

        WatchEventType eventType = type switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => throw ToException(objectElement),
            _ => throw new InvalidDataException($"Unknown watch event type '{type}'."),
        };

        string? resourceVersion = objectElement.TryGetProperty("metadata", out JsonElement metadata)
            && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("resourceVersion", out JsonElement rv)
            ? rv.GetString()
            : null;

        T value = objectElement.Deserialize(typeInfo)
            ?? throw new InvalidDataException($"A watch event of type '{type}' has a null object.");
        return new WatchEvent<T> { Type = eventType, Object = value, ResourceVersion = resourceVersion };
    }

    private static KubernetesApiException ToException(JsonElement statusElement)
    {
        Status status = statusElement.Deserialize(KubernetesJsonContext.Default.Status) ?? new Status { Code = 500 };

        // The event travels inside a 200 response: the Status's own code is the one that counts (410 → relist).
        return KubernetesErrors.FromStatus(status, status.Code ?? 500);
    }
}
