// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Json;

namespace KeyOperator.ApiMachinery.Patching;

/// <summary>
/// Applies an <c>application/strategic-merge-patch+json</c> patch, following k8s.io/apimachinery
/// <c>pkg/util/strategicpatch/patch.go</c>: maps merge recursively and <c>null</c> deletes a key; lists with a merge
/// key merge item by item, lists of primitives with a merge strategy merge as sets, other lists are replaced.
/// </summary>
/// <remarks>
/// Supported directives: <c>$patch: replace|delete|merge</c> on maps and list items, <c>$retainKeys</c>,
/// <c>$setElementOrder/&lt;list&gt;</c> and <c>$deleteFromPrimitiveList/&lt;list&gt;</c>.
/// Not covered: merge strategies learnt from OpenAPI (the metadata table is by field name/path), <c>$patch</c> on
/// lists of primitives, and upstream's exact interleaving of server-only items under <c>$setElementOrder</c>
/// (here they follow the ordered items, in their original relative order).
/// </remarks>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string SetElementOrderPrefix = "$setElementOrder/";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    /// <summary>Returns the patched copy of <paramref name="original"/>; neither argument is modified.</summary>
    /// <param name="original">The stored object; null is treated as an empty object.</param>
    /// <param name="patch">The patch document; must be a JSON object.</param>
    /// <param name="metadata">Merge keys, usually <see cref="StrategicMergeMetadata.Kubernetes"/>.</param>
    /// <exception cref="FormatException">The patch is malformed (not an object, unknown directive, list item without merge key).</exception>
    public static JsonObject Apply(JsonNode? original, JsonNode patch, StrategicMergeMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(metadata);
        if (patch is not JsonObject patchObject)
        {
            throw new FormatException("A strategic merge patch must be a JSON object.");
        }

        return MergeMap(original as JsonObject, patchObject, string.Empty, metadata) ?? new JsonObject();
    }

    /// <summary>Merges a map; null means the map itself is deleted (<c>$patch: delete</c>).</summary>
    private static JsonObject? MergeMap(JsonObject? original, JsonObject patch, string path, StrategicMergeMetadata metadata)
    {
        switch (JsonNodes.GetString(patch, PatchDirective))
        {
            case "delete":
                return null;
            case "replace":
                return MergeMap(null, Without(patch, PatchDirective), path, metadata);
            case null or "merge":
                break;
            default:
                throw new FormatException("Unknown $patch directive at '" + path + "'.");
        }

        var result = original?.DeepClone().AsObject() ?? new JsonObject();
        if (patch[RetainKeysDirective] is JsonArray retain)
        {
            var keep = retain.Select(k => (string?)k).ToHashSet(StringComparer.Ordinal);
            foreach (var key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal) && value is JsonArray removals)
            {
                var field = key[DeleteFromPrimitiveListPrefix.Length..];
                if (result[field] is JsonArray list)
                {
                    result[field] = new JsonArray([.. list.Where(item => !removals.Any(r => JsonNode.DeepEquals(r, item))).Select(Clone)]);
                }
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            var childPath = path.Length == 0 ? key : path + "." + key;
            switch (value)
            {
                case null:
                    result.Remove(key);
                    break;
                case JsonObject map:
                    var merged = MergeMap(result[key] as JsonObject, map, childPath, metadata);
                    if (merged is null)
                    {
                        result.Remove(key);
                    }
                    else
                    {
                        result[key] = merged;
                    }

                    break;
                case JsonArray list:
                    result[key] = MergeList(result[key] as JsonArray, list, childPath, metadata);
                    break;
                default:
                    result[key] = value.DeepClone();
                    break;
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) && value is JsonArray order)
            {
                var field = key[SetElementOrderPrefix.Length..];
                if (result[field] is JsonArray list)
                {
                    var childPath = path.Length == 0 ? field : path + "." + field;
                    result[field] = Reorder(list, order, metadata.For(childPath)?.MergeKey);
                }
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray? original, JsonArray patch, string path, StrategicMergeMetadata metadata)
    {
        var strategy = metadata.For(path);
        if (strategy is null)
        {
            return patch.DeepClone().AsArray();
        }

        if (strategy.MergeKey is null)
        {
            var union = new JsonArray([.. (original ?? []).Select(Clone)]);
            foreach (var item in patch)
            {
                if (!union.Any(existing => JsonNode.DeepEquals(existing, item)))
                {
                    union.Add(Clone(item));
                }
            }

            return union;
        }

        var mergeKey = strategy.MergeKey;
        if (patch.Any(item => item is JsonObject o && JsonNodes.GetString(o, PatchDirective) == "replace" && o.Count == 1))
        {
            // {"$patch":"replace"} as an item replaces the whole list with the other items.
            return MergeList(null, new JsonArray([.. patch.Where(i => !(i is JsonObject o && o.Count == 1 && o.ContainsKey(PatchDirective))).Select(Clone)]), path, metadata);
        }

        var items = (original ?? []).Select(Clone).ToList();
        foreach (var patchItem in patch)
        {
            if (patchItem is not JsonObject patchMap)
            {
                // A list of primitives where the metadata expected objects: fall back to replacement, as upstream does.
                return patch.DeepClone().AsArray();
            }

            if (!patchMap.TryGetPropertyValue(mergeKey, out var keyValue))
            {
                throw new FormatException("An item of '" + path + "' lacks its merge key '" + mergeKey + "'.");
            }

            var index = items.FindIndex(i => i is JsonObject o && JsonNode.DeepEquals(o[mergeKey], keyValue));
            if (JsonNodes.GetString(patchMap, PatchDirective) == "delete")
            {
                items.RemoveAll(i => i is JsonObject o && JsonNode.DeepEquals(o[mergeKey], keyValue));
                continue;
            }

            var merged = MergeMap(index >= 0 ? items[index] as JsonObject : null, patchMap, path, metadata);
            if (index >= 0)
            {
                if (merged is null)
                {
                    items.RemoveAt(index);
                }
                else
                {
                    items[index] = merged;
                }
            }
            else if (merged is not null)
            {
                items.Add(merged);
            }
        }

        return new JsonArray([.. items]);
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        var remaining = list.Select(Clone).ToList();
        var result = new JsonArray();
        foreach (var entry in order)
        {
            var wanted = mergeKey is not null && entry is JsonObject o ? o[mergeKey] : entry;
            var index = remaining.FindIndex(item => JsonNode.DeepEquals(mergeKey is not null && item is JsonObject m ? m[mergeKey] : item, wanted));
            if (index >= 0)
            {
                result.Add(remaining[index]);
                remaining.RemoveAt(index);
            }
        }

        foreach (var item in remaining)
        {
            result.Add(item);
        }

        return result;
    }

    private static JsonObject Without(JsonObject patch, string key)
    {
        var copy = patch.DeepClone().AsObject();
        copy.Remove(key);
        return copy;
    }

    private static JsonNode? Clone(JsonNode? node) => node?.DeepClone();
}
