// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>
/// Typed reads from raw JSON that turn a wrong type into a denial on the field path instead of an exception.
/// A JSON null counts as absent, as it does for the apiserver's defaulting.
/// </summary>
internal static class JsonFields
{
    public const string SchemaRule = "schema";

    public static JsonObject? Object(JsonObject parent, string key, string path, AdmissionFindings findings)
    {
        JsonNode? node = parent[key];
        if (node is null or JsonObject)
        {
            return (JsonObject?)node;
        }

        findings.Deny(path, "must be an object", SchemaRule);
        return null;
    }

    public static JsonArray? Array(JsonObject parent, string key, string path, AdmissionFindings findings)
    {
        JsonNode? node = parent[key];
        if (node is null or JsonArray)
        {
            return (JsonArray?)node;
        }

        findings.Deny(path, "must be a list", SchemaRule);
        return null;
    }

    public static string? String(JsonObject parent, string key, string path, AdmissionFindings findings)
    {
        JsonNode? node = parent[key];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        findings.Deny(path, "must be a string", SchemaRule);
        return null;
    }

    /// <summary>Reads an integer; returns <paramref name="defaultValue"/> when absent and null when the type is wrong.</summary>
    public static long? Integer(JsonObject parent, string key, long defaultValue, string path, AdmissionFindings findings)
    {
        JsonNode? node = parent[key];
        if (node is null)
        {
            return defaultValue;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out long number))
        {
            return number;
        }

        if (node is JsonValue decimalValue && decimalValue.GetValueKind() == JsonValueKind.Number &&
            decimalValue.TryGetValue(out double real) && real == Math.Floor(real) && Math.Abs(real) < long.MaxValue)
        {
            return (long)real;
        }

        findings.Deny(path, "must be an integer", SchemaRule);
        return null;
    }

    public static bool IsPresent(JsonObject parent, string key) => parent[key] is not null;
}
