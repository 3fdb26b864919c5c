// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Patching;

/// <summary>
/// A simplified server-side apply (the semantics of sigs.k8s.io/structured-merge-diff, not its code): maps merge
/// recursively, lists are atomic unless the schema declares <c>x-kubernetes-list-type: map|set</c>, fields the manager
/// applied before and no longer applies are removed when nobody else owns them, and changing a field another manager
/// owns is a conflict unless <c>force=true</c>.
/// </summary>
internal static class ServerSideApply
{
    private const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private static readonly HashSet<string> s_mergedMetadata = ["labels", "annotations", "finalizers", "ownerReferences"];

    public static JsonObject Apply(JsonObject? current, JsonObject applied, WriteContext context)
    {
        var statusScope = ManagedFields.Scope(context.Subresource, context.Descriptor.HasStatusSubresource);
        var schema = context.Descriptor.Schema;
        applied = Scoped(applied, statusScope);
        var appliedLeaves = FieldPaths.Leaves(applied, schema, statusScope);
        var entries = ManagedFields.Read(current);
        var manager = context.FieldManager;
        if (current is not null)
        {
            ResolveConflicts(current, applied, appliedLeaves, entries, context);
        }

        var result = current?.DeepClone().AsObject() ?? new JsonObject();
        MergeRoot(result, applied, schema);

        var mine = entries.FirstOrDefault(e => e.IsSameOwner(manager, "Apply", context.Subresource));
        if (mine is not null)
        {
            foreach (var stale in mine.Paths.Where(p => !appliedLeaves.Contains(p)))
            {
                if (!entries.Any(e => e != mine && e.Paths.Contains(stale)))
                {
                    FieldPaths.Remove(result, stale);
                }
            }
        }

        var updated = new ManagedFieldsEntry
        {
            Manager = manager,
            Operation = "Apply",
            Subresource = context.Subresource,
            ApiVersion = context.Descriptor.GroupVersion,
            Time = mine is not null && mine.Paths.SetEquals(appliedLeaves) ? mine.Time : context.Now,
            Paths = appliedLeaves,
        };
        if (mine is null)
        {
            entries.Add(updated);
        }
        else
        {
            entries[entries.IndexOf(mine)] = updated;
        }

        ManagedFields.Write(result, entries);
        return result;
    }

    private static JsonObject Scoped(JsonObject applied, bool? statusScope)
    {
        var copy = applied.DeepClone().AsObject();
        if (statusScope == false)
        {
            copy.Remove("status");
        }
        else if (statusScope == true)
        {
            foreach (var name in copy.Select(p => p.Key).Where(n => n is not ("apiVersion" or "kind" or "metadata" or "status")).ToList())
            {
                copy.Remove(name);
            }
        }

        return copy;
    }

    private static void ResolveConflicts(JsonObject current, JsonObject applied, HashSet<string> appliedLeaves, List<ManagedFieldsEntry> entries, WriteContext context)
    {
        var conflicts = new List<(string Manager, string ApiVersion, string Path)>();
        foreach (var entry in entries.Where(e => e.Manager != context.FieldManager))
        {
            foreach (var path in appliedLeaves.Where(entry.Paths.Contains).ToList())
            {
                var existing = FieldPaths.Resolve(current, path);
                if (existing is not null && !JsonNode.DeepEquals(existing, FieldPaths.Resolve(applied, path)))
                {
                    if (context.Force)
                    {
                        entry.Paths.Remove(path);
                    }
                    else
                    {
                        conflicts.Add((entry.Manager, entry.ApiVersion, path));
                    }
                }
            }
        }

        if (conflicts.Count == 0)
        {
            return;
        }

        if (!AllowedByLastApplied(current, conflicts, context))
        {
            throw Conflict(conflicts);
        }

        foreach (var (manager, _, path) in conflicts)
        {
            entries.First(e => e.Manager == manager && e.Paths.Contains(path)).Paths.Remove(path);
        }
    }

    /// <summary>
    /// The apiserver upgrades client-side apply to server-side apply without conflicts: for manager <c>kubectl</c>,
    /// conflicts on fields the last-applied-configuration annotation declares are forced
    /// (apiserver <c>pkg/endpoints/handlers/fieldmanager/lastappliedmanager.go</c>).
    /// </summary>
    private static bool AllowedByLastApplied(JsonObject current, List<(string Manager, string ApiVersion, string Path)> conflicts, WriteContext context)
    {
        if (context.FieldManager != "kubectl"
            || current["metadata"]?["annotations"]?[LastAppliedAnnotation]?.AsString() is not { } lastApplied)
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(lastApplied) is not JsonObject declared)
            {
                return false;
            }

            var allowed = FieldPaths.Leaves(declared, context.Descriptor.Schema, ManagedFields.Scope(context.Subresource, context.Descriptor.HasStatusSubresource));
            return conflicts.All(c => allowed.Contains(c.Path));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static ApiException Conflict(List<(string Manager, string ApiVersion, string Path)> conflicts)
    {
        // Message shape from structured-merge-diff merge/conflict.go (Conflicts.Error) as wrapped by the apiserver.
        string message;
        if (conflicts.Count == 1)
        {
            var c = conflicts[0];
            message = $"Apply failed with 1 conflict: conflict with \"{c.Manager}\" using {c.ApiVersion}: {FieldPaths.Display(c.Path)}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => (c.Manager, c.ApiVersion))
                .Select(g => $"conflicts with \"{g.Key.Manager}\" using {g.Key.ApiVersion}:\n" + string.Join("\n", g.Select(c => "- " + FieldPaths.Display(c.Path))));
            message = $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", lines);
        }

        var causes = new JsonArray();
        foreach (var c in conflicts)
        {
            causes.Add((JsonNode)new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with \"{c.Manager}\" using {c.ApiVersion}",
                ["field"] = FieldPaths.Display(c.Path),
            });
        }

        var details = new JsonObject { ["causes"] = causes };
        return new ApiException(409, "Conflict", message, details);
    }

    private static void MergeRoot(JsonObject target, JsonObject applied, JsonObject? schema)
    {
        foreach (var (name, value) in applied)
        {
            if (name == "metadata" && value is JsonObject metadata)
            {
                var targetMetadata = target.Metadata();
                foreach (var (metaName, metaValue) in metadata)
                {
                    if (s_mergedMetadata.Contains(metaName))
                    {
                        MergeField(targetMetadata, metaName, metaValue, FieldPaths.Child(FieldPaths.SchemaFor(schema, "metadata"), metaName));
                    }
                    else if (metaName is "name" or "namespace" or "generateName" && !targetMetadata.ContainsKey(metaName))
                    {
                        targetMetadata[metaName] = metaValue?.DeepClone();
                    }
                }

                continue;
            }

            MergeField(target, name, value, FieldPaths.Child(schema, name));
        }
    }

    private static void MergeObject(JsonObject target, JsonObject applied, JsonObject? schema)
    {
        foreach (var (name, value) in applied)
        {
            MergeField(target, name, value, FieldPaths.Child(schema, name));
        }
    }

    private static void MergeField(JsonObject target, string name, JsonNode? value, JsonObject? schema)
    {
        if (value is null)
        {
            target.Remove(name);
        }
        else if (value is JsonObject appliedObject && target[name] is JsonObject targetObject)
        {
            MergeObject(targetObject, appliedObject, schema);
        }
        else if (value is JsonArray appliedArray && target[name] is JsonArray targetArray && FieldPaths.IsMergeableList(schema))
        {
            MergeList(targetArray, appliedArray, schema!);
        }
        else
        {
            target[name] = value.DeepClone();
        }
    }

    private static void MergeList(JsonArray target, JsonArray applied, JsonObject schema)
    {
        foreach (var element in applied)
        {
            if (element is null)
            {
                continue;
            }

            var token = FieldPaths.ElementToken(element, schema);
            var existing = FieldPaths.Resolve(target, token);
            if (existing is JsonObject existingObject && element is JsonObject elementObject)
            {
                MergeObject(existingObject, elementObject, schema["items"] as JsonObject);
            }
            else if (existing is null)
            {
                target.Add(element.DeepClone());
            }
        }
    }
}
