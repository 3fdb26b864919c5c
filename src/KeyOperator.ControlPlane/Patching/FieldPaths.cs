// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Patching;

/// <summary>
/// Sets of field paths in the spirit of structured-merge-diff's fieldpath: tokens <c>f:name</c> (map field),
/// <c>k:{"key":"value"}</c> (element of a list-map) and <c>v:"value"</c> (element of a set). A path is the tokens joined by
/// <see cref="Separator"/>. Lists are atomic unless the schema marks them <c>x-kubernetes-list-type: map|set</c>.
/// </summary>
internal static class FieldPaths
{
    public const char Separator = '\u001f';

    /// <summary>Metadata is not described by CRD schemas; its list semantics come from ObjectMeta's markers.</summary>
    private static readonly JsonObject s_metadataSchema = new()
    {
        ["properties"] = new JsonObject
        {
            ["finalizers"] = new JsonObject { ["x-kubernetes-list-type"] = "set" },
            ["ownerReferences"] = new JsonObject { ["x-kubernetes-list-type"] = "map", ["x-kubernetes-list-map-keys"] = new JsonArray("uid") },
        },
    };

    private static readonly HashSet<string> s_systemMetadata =
    [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "deletionTimestamp",
        "deletionGracePeriodSeconds", "generateName", "selfLink",
    ];

    /// <summary>Leaf paths of an object. <paramref name="statusOnly"/>: null = everything, true = only status, false = all but status.</summary>
    public static HashSet<string> Leaves(JsonObject obj, JsonObject? schema, bool? statusOnly)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in obj)
        {
            if (name is "apiVersion" or "kind" || value is null)
            {
                continue;
            }

            if ((statusOnly == true && name != "status") || (statusOnly == false && name == "status" && schema is not null))
            {
                continue;
            }

            if (name == "metadata" && value is JsonObject metadata)
            {
                foreach (var (metaName, metaValue) in metadata)
                {
                    if (!s_systemMetadata.Contains(metaName) && metaValue is not null)
                    {
                        Collect(metaValue, s_metadataSchema.GetObject("properties")![metaName] as JsonObject, "f:metadata" + Separator + "f:" + metaName, result);
                    }
                }

                continue;
            }

            Collect(value, Child(schema, name), "f:" + name, result);
        }

        return result;
    }

    public static JsonObject? Child(JsonObject? schema, string name) =>
        schema?.GetObject("properties")?[name] as JsonObject ?? schema?["additionalProperties"] as JsonObject;

    public static JsonObject? SchemaFor(JsonObject? rootSchema, string topLevel) =>
        topLevel == "metadata" ? s_metadataSchema : Child(rootSchema, topLevel);

    public static string ElementToken(JsonNode element, JsonObject? listSchema)
    {
        if (listSchema?.GetString("x-kubernetes-list-type") == "map" && element is JsonObject obj)
        {
            var key = new JsonObject();
            foreach (var name in listSchema.GetArray("x-kubernetes-list-map-keys").Strings())
            {
                key[name] = obj[name]?.DeepClone();
            }

            return "k:" + key.ToJsonString();
        }

        return "v:" + element.ToJsonString();
    }

    public static bool IsMergeableList(JsonObject? schema) =>
        schema?.GetString("x-kubernetes-list-type") is "map" or "set";

    /// <summary>Finds the node at a path, or null when absent.</summary>
    public static JsonNode? Resolve(JsonNode? node, string path)
    {
        foreach (var token in path.Split(Separator))
        {
            node = Step(node, token);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Removes the node at a path when present.</summary>
    public static void Remove(JsonNode root, string path)
    {
        var tokens = path.Split(Separator);
        JsonNode? parent = root;
        foreach (var token in tokens[..^1])
        {
            parent = Step(parent, token);
        }

        var last = tokens[^1];
        if (parent is JsonObject o && last.StartsWith("f:", StringComparison.Ordinal))
        {
            o.Remove(last[2..]);
        }
        else if (parent is JsonArray a && Step(a, last) is { } element)
        {
            a.Remove(element);
        }
    }

    /// <summary>Renders a path the way SSA conflict messages do, such as <c>.spec.size</c>.</summary>
    public static string Display(string path)
    {
        var builder = new StringBuilder();
        foreach (var token in path.Split(Separator))
        {
            if (token.StartsWith("f:", StringComparison.Ordinal))
            {
                builder.Append('.').Append(token.AsSpan(2));
            }
            else if (token.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(token[2..]) is JsonObject key)
            {
                builder.Append('[').AppendJoin(',', key.Select(p => p.Key + "=" + p.Value?.ToJsonString())).Append(']');
            }
            else
            {
                builder.Append("[=").Append(token.AsSpan(2)).Append(']');
            }
        }

        return builder.ToString();
    }

    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var token in path.Split(Separator))
            {
                if (node[token] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[token] = child;
                }

                node = child;
            }

            if (node.Count > 0)
            {
                node["."] = new JsonObject();
            }
        }

        MarkInnerLeaves(root, paths.ToHashSet(StringComparer.Ordinal), string.Empty);
        return root;
    }

    public static HashSet<string> FromFieldsV1(JsonObject? fields)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (fields is not null)
        {
            Flatten(fields, string.Empty, result);
        }

        return result;
    }

    private static void Collect(JsonNode value, JsonObject? schema, string prefix, HashSet<string> result)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0:
                foreach (var (name, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, Child(schema, name), prefix + Separator + "f:" + name, result);
                    }
                }

                break;
            case JsonArray array when IsMergeableList(schema):
                foreach (var element in array)
                {
                    if (element is null)
                    {
                        continue;
                    }

                    var elementPath = prefix + Separator + ElementToken(element, schema);
                    result.Add(elementPath);
                    if (element is JsonObject && schema!.GetString("x-kubernetes-list-type") == "map")
                    {
                        Collect(element, schema!["items"] as JsonObject, elementPath, result);
                    }
                }

                break;
            default:
                result.Add(prefix);
                break;
        }
    }

    private static JsonNode? Step(JsonNode? node, string token)
    {
        if (token.StartsWith("f:", StringComparison.Ordinal))
        {
            return node is JsonObject o ? o[token[2..]] : null;
        }

        if (node is not JsonArray array)
        {
            return null;
        }

        if (token.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(token[2..]) is JsonObject key)
        {
            return array.FirstOrDefault(e => e is JsonObject eo && key.All(k => JsonNode.DeepEquals(eo[k.Key], k.Value)));
        }

        var value = JsonNode.Parse(token[2..]);
        return array.FirstOrDefault(e => JsonNode.DeepEquals(e, value));
    }

    private static void MarkInnerLeaves(JsonObject node, HashSet<string> paths, string prefix)
    {
        foreach (var (token, child) in node.ToList())
        {
            if (token == "." || child is not JsonObject childObject)
            {
                continue;
            }

            var path = prefix.Length == 0 ? token : prefix + Separator + token;
            if (childObject.Count > 0 && paths.Contains(path) && !childObject.ContainsKey("."))
            {
                childObject["."] = new JsonObject();
            }

            MarkInnerLeaves(childObject, paths, path);
        }
    }

    private static void Flatten(JsonObject node, string prefix, HashSet<string> result)
    {
        foreach (var (token, child) in node)
        {
            if (token == ".")
            {
                result.Add(prefix);
                continue;
            }

            var path = prefix.Length == 0 ? token : prefix + Separator + token;
            if (child is JsonObject childObject && childObject.Count > 0)
            {
                Flatten(childObject, path, result);
            }
            else
            {
                result.Add(path);
            }
        }
    }
}
