// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Json;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.OpenApi;

/// <summary>Builds the OpenAPI v3 document of one group-version: paths plus the schemas they reference.</summary>
internal static class OpenApiGroupVersionBuilder
{
    public static JsonObject Build(string key, IEnumerable<ResourceDescriptor> resources, bool advertiseStrategicMerge)
    {
        var paths = new JsonObject();
        var schemas = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var (name, schema) = KindSchema(resource);
            var listName = name + "List";
            schemas[name] = schema;
            schemas[listName] = ListSchema(resource, name);
            new OpenApiPathBuilder(resource, name, listName, advertiseStrategicMerge).AddTo(paths);
        }

        AddReferencedSchemas(schemas, paths);
        var components = new JsonObject();
        foreach (var (name, schema) in schemas)
        {
            components[name] = schema;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.4" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = components },
        };
    }

    private static (string Name, JsonObject Schema) KindSchema(ResourceDescriptor resource)
    {
        // A built-in kind keeps its upstream name and hand-written schema; a custom kind is named like the
        // apiserver names CRD schemas and uses the CRD's openAPIV3Schema.
        var builtIn = resource.BuiltIn ? BuiltInSchemaCatalog.FindName(resource.Group, resource.Version, resource.Kind) : null;
        if (builtIn is not null)
        {
            return (builtIn, BuiltInSchemaCatalog.Schemas[builtIn].DeepClone().AsObject());
        }

        var schema = resource.Schema?.DeepClone().AsObject()
            ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        schema["type"] = "object";
        BuiltInSchemaCatalog.AddTypeAndObjectMeta(schema);
        schema["x-kubernetes-group-version-kind"] = new JsonArray(JsonNodes.GroupVersionKind(resource.Group, resource.Version, resource.Kind));
        return (OpenApiNames.CustomKind(resource), schema);
    }

    private static JsonObject ListSchema(ResourceDescriptor resource, string itemName) => new()
    {
        ["type"] = "object",
        ["description"] = resource.ListKind + " is a list of " + resource.Kind,
        ["required"] = new JsonArray(JsonValue.Create("items")),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string", ["description"] = "APIVersion defines the versioned schema of this representation of an object." },
            ["items"] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = "List of " + resource.Plural + ".",
                ["items"] = new JsonObject { ["$ref"] = OpenApiNames.Ref(itemName) },
            },
            ["kind"] = new JsonObject { ["type"] = "string", ["description"] = "Kind is a string value representing the REST resource this object represents." },
            ["metadata"] = new JsonObject
            {
                ["default"] = new JsonObject(),
                ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = OpenApiNames.Ref(OpenApiNames.ListMeta) }),
                ["description"] = "Standard list metadata.",
            },
        },
        ["x-kubernetes-group-version-kind"] = new JsonArray(JsonNodes.GroupVersionKind(resource.Group, resource.Version, resource.ListKind)),
    };

    /// <summary>Adds every catalog schema reachable through <c>$ref</c> from the paths and the schemas so far.</summary>
    private static void AddReferencedSchemas(SortedDictionary<string, JsonObject> schemas, JsonObject paths)
    {
        var pending = new Stack<JsonNode>(schemas.Values);
        pending.Push(paths);
        while (pending.Count > 0)
        {
            foreach (var reference in References(pending.Pop()))
            {
                if (!schemas.ContainsKey(reference) && BuiltInSchemaCatalog.Schemas.TryGetValue(reference, out var schema))
                {
                    var copy = schema.DeepClone().AsObject();
                    schemas[reference] = copy;
                    pending.Push(copy);
                }
            }
        }
    }

    private static IEnumerable<string> References(JsonNode node)
    {
        const string Prefix = "#/components/schemas/";
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name == "$ref" && JsonNodes.GetString(obj, name) is { } target && target.StartsWith(Prefix, StringComparison.Ordinal))
                    {
                        yield return target[Prefix.Length..];
                    }
                    else if (value is not null)
                    {
                        foreach (var nested in References(value))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        foreach (var nested in References(item))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
        }
    }
}
