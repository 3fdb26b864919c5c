// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Json;

/// <summary>Small helpers over System.Text.Json.Nodes used throughout the control plane.</summary>
internal static class JsonHelpers
{
    public static string? GetString(this JsonNode? node, string property) =>
        node is JsonObject obj && obj[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;

    public static JsonObject? GetObject(this JsonNode? node, string property) => node is JsonObject obj ? obj[property] as JsonObject : null;

    public static JsonArray? GetArray(this JsonNode? node, string property) => node is JsonObject obj ? obj[property] as JsonArray : null;

    /// <summary>Returns the object's metadata, creating it when absent.</summary>
    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }

    public static bool IsString(this JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    public static string? AsString(this JsonNode? node) => node.IsString() ? node!.GetValue<string>() : null;

    public static bool IsNumber(this JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    public static bool IsInteger(this JsonNode? node) =>
        node.IsNumber() && decimal.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d);

    public static double AsDouble(this JsonNode node) => double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static long? AsLong(this JsonNode? node) =>
        node.IsNumber() && long.TryParse(node!.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null;

    /// <summary>The Go-like type name used by OpenAPI validation messages.</summary>
    public static string TypeName(this JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => node.IsInteger() ? "integer" : "number",
            _ => "null",
        },
    };

    public static JsonArray ToJsonArray(this IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode?)JsonValue.Create(value));
        }

        return array;
    }

    public static IEnumerable<string> Strings(this JsonArray? array) =>
        array is null ? [] : array.Select(n => n.AsString()).Where(s => s is not null).Select(s => s!);

    /// <summary>Formats a timestamp as metav1.Time (RFC 3339, UTC, whole seconds).</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats a value the way Go's <c>%v</c>/<c>%q</c> shows it in field errors.</summary>
    public static string FormatValue(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "\"" + v.GetValue<string>().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        JsonValue v => v.ToJsonString(),
        _ => "\"" + node.TypeName() + "\"",
    };
}
