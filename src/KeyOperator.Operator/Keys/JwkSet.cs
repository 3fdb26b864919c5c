// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.Operator.Keys;

/// <summary>JWK Sets (RFC 7517 §5), the <c>jwks.json</c> Secret entry: <c>{"keys":[…]}</c>, current key first.</summary>
internal static class JwkSet
{
    /// <summary>Serializes keys as a JWK Set; a key id that appears twice is written once.</summary>
    /// <param name="keys">Public JWKs, current first.</param>
    /// <returns>UTF-8 JSON.</returns>
    public static byte[] Serialize(IEnumerable<JsonObject> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var array = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonObject key in keys)
        {
            string? kid = key["kid"]?.GetValue<string>();
            if (kid is null || seen.Add(kid))
            {
                array.Add(key.DeepClone());
            }
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            new JsonObject { ["keys"] = array }.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the keys of a JWK Set.</summary>
    /// <param name="json">UTF-8 JSON of a JWK Set.</param>
    /// <returns>The keys, in order.</returns>
    public static IReadOnlyList<JsonObject> Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? root = JsonNode.Parse(json);
        if (root?["keys"] is not JsonArray keys)
        {
            throw new FormatException("A JWK Set must be an object with a \"keys\" array.");
        }

        return [.. keys.OfType<JsonObject>()];
    }
}
