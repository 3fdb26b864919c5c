// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.ApiMachinery.Json;

/// <summary>Small helpers for building System.Text.Json.Nodes documents.</summary>
internal static class JsonNodes
{
    public static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode?)JsonValue.Create(value));
        }

        return array;
    }

    public static JsonObject GroupVersionKind(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    /// <summary>
    /// Reads an integral number whatever CLR type backs the value (a value created from an <c>int</c> refuses
    /// <c>TryGetValue&lt;long&gt;</c>, a parsed one does not).
    /// </summary>
    public static bool TryGetInt64(JsonNode? node, out long number)
    {
        number = 0;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && (value.TryGetValue(out number) || long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number));
    }

    /// <summary>Reads <paramref name="node"/>[<paramref name="name"/>] as a string, or null when absent or not a string.</summary>
    public static string? GetString(JsonObject? node, string name) =>
        node?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
