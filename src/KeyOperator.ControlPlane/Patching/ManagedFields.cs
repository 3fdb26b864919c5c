// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Patching;

/// <summary>
/// Simplified managedFields bookkeeping: one entry per (manager, operation, subresource) with a fieldsV1 set. Update
/// operations take ownership of the leaf fields they changed; see <see cref="ServerSideApply"/> for Apply.
/// </summary>
internal static class ManagedFields
{
    public static List<ManagedFieldsEntry> Read(JsonObject? obj)
    {
        var result = new List<ManagedFieldsEntry>();
        if (obj?["metadata"]?["managedFields"] is not JsonArray entries)
        {
            return result;
        }

        foreach (var entry in entries.OfType<JsonObject>())
        {
            result.Add(new ManagedFieldsEntry
            {
                Manager = entry.GetString("manager") ?? string.Empty,
                Operation = entry.GetString("operation") ?? "Update",
                Subresource = entry.GetString("subresource"),
                ApiVersion = entry.GetString("apiVersion") ?? string.Empty,
                Time = entry.GetString("time") ?? string.Empty,
                Paths = FieldPaths.FromFieldsV1(entry.GetObject("fieldsV1")),
            });
        }

        return result;
    }

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => e.Paths.Count > 0))
        {
            var item = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
                ["time"] = entry.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = FieldPaths.ToFieldsV1(entry.Paths),
            };
            if (entry.Subresource is not null)
            {
                item["subresource"] = entry.Subresource;
            }

            array.Add((JsonNode)item);
        }

        if (array.Count == 0)
        {
            obj.Metadata().Remove("managedFields");
        }
        else
        {
            obj.Metadata()["managedFields"] = array;
        }
    }

    /// <summary>Which part of the object a write may own: null = all, true = only status, false = all but status.</summary>
    public static bool? Scope(string? subresource, bool hasStatusSubresource) =>
        subresource == "status" ? true : hasStatusSubresource ? false : null;

    /// <summary>Records a create/update/patch by the context's manager on <paramref name="candidate"/>.</summary>
    public static void RecordUpdate(JsonObject? old, JsonObject candidate, WriteContext context)
    {
        var statusScope = Scope(context.Subresource, context.Descriptor.HasStatusSubresource);
        var schema = context.Descriptor.Schema;
        var newLeaves = FieldPaths.Leaves(candidate, schema, statusScope);
        var oldLeaves = old is null ? [] : FieldPaths.Leaves(old, schema, statusScope);
        var changed = newLeaves.Where(p => old is null || !JsonNode.DeepEquals(FieldPaths.Resolve(old, p), FieldPaths.Resolve(candidate, p))).ToHashSet(StringComparer.Ordinal);
        var removed = oldLeaves.Where(p => !newLeaves.Contains(p)).ToList();

        // A request that sets managedFields itself (kubectl's CSA→SSA migration patch) replaces the recorded set.
        var supplied = candidate["metadata"]?["managedFields"];
        var baseline = old is not null && !JsonNode.DeepEquals(supplied, old["metadata"]?["managedFields"]) ? candidate : old ?? candidate;
        var entries = Read(baseline);
        if (changed.Count == 0 && removed.Count == 0)
        {
            Write(candidate, entries);
            return;
        }

        foreach (var entry in entries)
        {
            entry.Paths.ExceptWith(changed);
            entry.Paths.ExceptWith(removed);
        }

        var mine = entries.FirstOrDefault(e => e.IsSameOwner(context.FieldManager, "Update", context.Subresource));
        if (mine is null)
        {
            mine = new ManagedFieldsEntry
            {
                Manager = context.FieldManager,
                Operation = "Update",
                Subresource = context.Subresource,
                ApiVersion = context.Descriptor.GroupVersion,
                Time = context.Now,
                Paths = new HashSet<string>(StringComparer.Ordinal),
            };
            entries.Add(mine);
        }

        mine.Paths.UnionWith(changed);
        entries[entries.IndexOf(mine)] = mine with { Time = context.Now, ApiVersion = context.Descriptor.GroupVersion };
        Write(candidate, entries);
    }
}
