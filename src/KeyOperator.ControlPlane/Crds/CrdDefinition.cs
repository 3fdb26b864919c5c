// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Crds;

/// <summary>Reads a CustomResourceDefinition object: validation, the descriptors it serves and the status it gets.</summary>
internal static class CrdDefinition
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    public static IReadOnlyList<FieldError> Validate(JsonObject crd)
    {
        var errors = new List<FieldError>();
        var spec = crd.GetObject("spec");
        var group = spec.GetString("group");
        var names = spec.GetObject("names");
        var plural = names.GetString("plural");
        var name = crd["metadata"].GetString("name") ?? string.Empty;
        if (string.IsNullOrEmpty(group))
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.group", "Required value"));
        }

        if (string.IsNullOrEmpty(plural))
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.names.plural", "Required value"));
        }

        if (string.IsNullOrEmpty(names.GetString("kind")))
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.names.kind", "Required value"));
        }

        if (!string.IsNullOrEmpty(group) && !string.IsNullOrEmpty(plural) && name != plural + "." + group)
        {
            errors.Add(new FieldError("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group"));
        }

        var scope = spec.GetString("scope");
        if (scope is not ("Namespaced" or "Cluster"))
        {
            errors.Add(scope is null
                ? new FieldError("FieldValueRequired", "spec.scope", "Required value")
                : new FieldError("FieldValueNotSupported", "spec.scope", $"Unsupported value: \"{scope}\": supported values: \"Cluster\", \"Namespaced\""));
        }

        var versions = spec.GetArray("versions")?.OfType<JsonObject>().ToList() ?? [];
        if (versions.Count == 0)
        {
            errors.Add(new FieldError("FieldValueRequired", "spec.versions", "Required value: must have at least one version"));
        }
        else if (versions.Count(v => v["storage"]?.GetValueKind() == System.Text.Json.JsonValueKind.True) != 1)
        {
            errors.Add(new FieldError("FieldValueInvalid", "spec.versions", $"Invalid value: {versions.Count(v => v["storage"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)}: must have exactly one version marked as storage version"));
        }

        for (var i = 0; i < versions.Count; i++)
        {
            if (string.IsNullOrEmpty(versions[i].GetString("name")))
            {
                errors.Add(new FieldError("FieldValueRequired", $"spec.versions[{i}].name", "Required value"));
            }
        }

        return errors;
    }

    /// <summary>One descriptor per served version, in the CRD's version order.</summary>
    public static IReadOnlyList<ResourceDescriptor> Descriptors(JsonObject crd)
    {
        var spec = crd.GetObject("spec")!;
        var names = spec.GetObject("names")!;
        var kind = names.GetString("kind")!;
        var result = new List<ResourceDescriptor>();
        foreach (var version in spec.GetArray("versions")!.OfType<JsonObject>())
        {
            if (version["served"]?.GetValueKind() == System.Text.Json.JsonValueKind.False)
            {
                continue;
            }

            var columns = new List<PrinterColumn>();
            foreach (var column in version.GetArray("additionalPrinterColumns")?.OfType<JsonObject>() ?? [])
            {
                columns.Add(new PrinterColumn
                {
                    Name = column.GetString("name") ?? string.Empty,
                    Type = column.GetString("type") ?? "string",
                    JsonPath = column.GetString("jsonPath") ?? string.Empty,
                    Format = column.GetString("format"),
                    Description = column.GetString("description"),
                    Priority = (int)(column["priority"].AsLong() ?? 0),
                });
            }

            result.Add(new ResourceDescriptor
            {
                Group = spec.GetString("group")!,
                Version = version.GetString("name")!,
                Kind = kind,
                ListKindOverride = names.GetString("listKind") is { } listKind && listKind != kind + "List" ? listKind : null,
                Plural = names.GetString("plural")!,
                Singular = names.GetString("singular") ?? kind.ToLowerInvariant(),
                Namespaced = spec.GetString("scope") == "Namespaced",
                ShortNames = names.GetArray("shortNames").Strings().ToList(),
                Categories = names.GetArray("categories").Strings().ToList(),
                HasStatusSubresource = version.GetObject("subresources")?["status"] is not null,
                Schema = version.GetObject("schema")?.GetObject("openAPIV3Schema")?.DeepClone().AsObject(),
                PrinterColumns = columns,
                BuiltIn = false,
            });
        }

        return result;
    }

    /// <summary>Sets the status a healthy apiextensions-apiserver reports once names are accepted.</summary>
    public static void SetStatus(JsonObject crd, JsonObject? previous, string now)
    {
        var spec = crd.GetObject("spec")!;
        var names = spec.GetObject("names")!.DeepClone().AsObject();
        var kind = names.GetString("kind")!;
        names["singular"] ??= kind.ToLowerInvariant();
        names["listKind"] ??= kind + "List";
        var stored = previous?.GetObject("status")?.GetArray("storedVersions").Strings().ToList() ?? [];
        var storage = spec.GetArray("versions")!.OfType<JsonObject>().FirstOrDefault(v => v["storage"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)?.GetString("name");
        if (storage is not null && !stored.Contains(storage))
        {
            stored.Add(storage);
        }

        var previousConditions = previous?.GetObject("status")?.GetArray("conditions");
        string Since(string type) =>
            previousConditions?.OfType<JsonObject>().FirstOrDefault(c => c.GetString("type") == type)?.GetString("lastTransitionTime") ?? now;

        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "NamesAccepted",
                    ["status"] = "True",
                    ["lastTransitionTime"] = Since("NamesAccepted"),
                    ["reason"] = "NoConflicts",
                    ["message"] = "no conflicts found",
                },
                new JsonObject
                {
                    ["type"] = "Established",
                    ["status"] = "True",
                    ["lastTransitionTime"] = Since("Established"),
                    ["reason"] = "InitialNamesAccepted",
                    ["message"] = "the initial names have been accepted",
                }),
            ["acceptedNames"] = names,
            ["storedVersions"] = stored.ToJsonArray(),
        };
    }
}
