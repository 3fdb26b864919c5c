// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Schema;

/// <summary>Applies <c>default</c> values from a structural schema (apiextensions-apiserver <c>pkg/apiserver/schema/defaulting</c>).</summary>
internal static class SchemaDefaulter
{
    public static void Apply(JsonNode? node, JsonObject schema)
    {
        switch (node)
        {
            case JsonObject obj:
                ApplyObject(obj, schema);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                foreach (var item in array)
                {
                    Apply(item, items);
                }

                break;
        }
    }

    private static void ApplyObject(JsonObject obj, JsonObject schema)
    {
        if (schema.GetObject("properties") is { } properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is not JsonObject childSchema)
                {
                    continue;
                }

                var present = obj.TryGetPropertyValue(name, out var value);
                var nullable = SchemaPruner.IsTrue(childSchema, "nullable");
                if (childSchema["default"] is { } defaultValue && (!present || (value is null && !nullable)))
                {
                    obj[name] = defaultValue.DeepClone();
                }

                Apply(obj[name], childSchema);
            }
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            foreach (var (_, value) in obj.ToList())
            {
                Apply(value, additional);
            }
        }
    }
}
