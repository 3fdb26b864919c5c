// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Schema;

/// <summary>Drops fields that a structural schema does not specify (apiextensions-apiserver <c>pkg/apiserver/schema/pruning</c>)
/// and reports their paths so that <c>fieldValidation=Strict|Warn</c> can reject or warn.</summary>
internal static class SchemaPruner
{
    /// <summary>Prunes <paramref name="root"/> in place; returns the dotted paths of removed fields.</summary>
    public static IReadOnlyList<string> Prune(JsonObject root, JsonObject schema)
    {
        var removed = new List<string>();
        var properties = schema.GetObject("properties");
        if (properties is null || schema["x-kubernetes-preserve-unknown-fields"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
        {
            PruneKnownChildren(root, schema, string.Empty, removed);
            return removed;
        }

        foreach (var name in root.Select(p => p.Key).ToList())
        {
            if (name is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (properties[name] is JsonObject child)
            {
                PruneNode(root[name], child, name, removed);
            }
            else
            {
                root.Remove(name);
                removed.Add(name);
            }
        }

        return removed;
    }

    private static void PruneNode(JsonNode? node, JsonObject schema, string path, List<string> removed)
    {
        switch (node)
        {
            case JsonObject obj:
                PruneObject(obj, schema, path, removed);
                break;
            case JsonArray array when schema["items"] is JsonObject items:
                for (var i = 0; i < array.Count; i++)
                {
                    PruneNode(array[i], items, $"{path}[{i}]", removed);
                }

                break;
        }
    }

    private static void PruneObject(JsonObject obj, JsonObject schema, string path, List<string> removed)
    {
        if (IsTrue(schema, "x-kubernetes-preserve-unknown-fields") || IsTrue(schema, "x-kubernetes-embedded-resource"))
        {
            PruneKnownChildren(obj, schema, path, removed);
            return;
        }

        var properties = schema.GetObject("properties");
        var additional = schema["additionalProperties"];
        foreach (var name in obj.Select(p => p.Key).ToList())
        {
            var childPath = path + "." + name;
            if (properties?[name] is JsonObject child)
            {
                PruneNode(obj[name], child, childPath, removed);
            }
            else if (additional is JsonObject additionalSchema)
            {
                PruneNode(obj[name], additionalSchema, childPath, removed);
            }
            else if (additional?.GetValueKind() != System.Text.Json.JsonValueKind.True)
            {
                obj.Remove(name);
                removed.Add(childPath);
            }
        }
    }

    private static void PruneKnownChildren(JsonObject obj, JsonObject schema, string path, List<string> removed)
    {
        var properties = schema.GetObject("properties");
        if (properties is null)
        {
            return;
        }

        foreach (var (name, child) in properties)
        {
            if (obj[name] is { } value && child is JsonObject childSchema)
            {
                PruneNode(value, childSchema, path.Length == 0 ? name : path + "." + name, removed);
            }
        }
    }

    internal static bool IsTrue(JsonObject schema, string property) =>
        schema[property]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
}
