// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ApiMachinery.OpenApi;

/// <summary>
/// The hand-written OpenAPI v3 schemas of the built-in kinds (embedded <c>OpenApi/Schemas/*.json</c>), keyed by
/// their upstream component names such as <c>io.k8s.api.core.v1.Secret</c>.
/// </summary>
/// <remarks>
/// Kind schemas in the files omit <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>; they are added here once, so
/// the files stay focused on what differs between kinds.
/// </remarks>
internal static class BuiltInSchemaCatalog
{
    private const string ResourcePrefix = "KeyOperator.ApiMachinery.OpenApi.Schemas.";

    private static readonly Lazy<Dictionary<string, JsonObject>> s_schemas = new(Load);

    public static IReadOnlyDictionary<string, JsonObject> Schemas => s_schemas.Value;

    /// <summary>Finds the component name of the schema whose GVK list holds the given kind.</summary>
    public static string? FindName(string group, string version, string kind)
    {
        foreach (var (name, schema) in s_schemas.Value)
        {
            if (schema["x-kubernetes-group-version-kind"] is JsonArray gvks && gvks.Any(g =>
                (string?)g?["group"] == group && (string?)g?["version"] == version && (string?)g?["kind"] == kind))
            {
                return name;
            }
        }

        return null;
    }

    private static Dictionary<string, JsonObject> Load()
    {
        var assembly = typeof(BuiltInSchemaCatalog).Assembly;
        var schemas = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            foreach (var (name, schema) in JsonNode.Parse(stream)!.AsObject())
            {
                var copy = schema!.DeepClone().AsObject();
                if (copy["x-kubernetes-group-version-kind"] is not null)
                {
                    AddTypeAndObjectMeta(copy);
                }

                schemas.Add(name, copy);
            }
        }

        return schemas;
    }

    /// <summary>Puts <c>apiVersion</c>, <c>kind</c> and <c>metadata</c> first in the properties of a kind's schema.</summary>
    internal static void AddTypeAndObjectMeta(JsonObject schema)
    {
        var properties = new JsonObject
        {
            ["apiVersion"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.",
            },
            ["kind"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.",
            },
            ["metadata"] = new JsonObject
            {
                ["default"] = new JsonObject(),
                ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = OpenApiNames.Ref(OpenApiNames.ObjectMeta) }),
                ["description"] = "Standard object's metadata.",
            },
        };
        if (schema["properties"] is JsonObject existing)
        {
            foreach (var name in existing.Select(p => p.Key).ToList())
            {
                if (name is "apiVersion" or "kind" or "metadata")
                {
                    continue;
                }

                var value = existing[name];
                existing.Remove(name);
                properties[name] = value;
            }

            schema.Remove("properties");
        }

        schema["properties"] = properties;
    }
}
