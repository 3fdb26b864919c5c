// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Crds;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Api;

/// <summary>The per-kind defaulting a real apiserver's registry strategies do on create and update.</summary>
internal static class KindMutations
{
    public static void Apply(string group, string plural, JsonObject candidate, JsonObject? previous, string now)
    {
        switch ((group, plural))
        {
            case ("", "namespaces"):
                Namespace(candidate);
                break;
            case ("", "secrets"):
                Secret(candidate);
                break;
            case ("", "services"):
                ServiceDefaults.Apply(candidate);
                break;
            case ("apiextensions.k8s.io", "customresourcedefinitions"):
                if (previous is null)
                {
                    AddFinalizer(candidate, CrdDefinition.CleanupFinalizer);
                }

                CrdDefinition.SetStatus(candidate, previous, now);
                break;
        }
    }

    public static void AddFinalizer(JsonObject obj, string finalizer)
    {
        var metadata = obj.Metadata();
        if (metadata["finalizers"] is not JsonArray finalizers)
        {
            finalizers = new JsonArray();
            metadata["finalizers"] = finalizers;
        }

        if (!finalizers.Strings().Contains(finalizer))
        {
            finalizers.Add((JsonNode?)JsonValue.Create(finalizer));
        }
    }

    private static void Namespace(JsonObject ns)
    {
        var metadata = ns.Metadata();
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = new JsonObject();
            metadata["labels"] = labels;
        }

        labels["kubernetes.io/metadata.name"] = metadata.GetString("name");
        if (ns["spec"] is not JsonObject spec)
        {
            spec = new JsonObject();
            ns["spec"] = spec;
        }

        if (metadata["deletionTimestamp"] is null)
        {
            spec["finalizers"] ??= new JsonArray("kubernetes");
            ns["status"] = new JsonObject { ["phase"] = "Active" };
        }
    }

    private static void Secret(JsonObject secret)
    {
        if (secret["stringData"] is JsonObject stringData)
        {
            if (secret["data"] is not JsonObject data)
            {
                data = new JsonObject();
                secret["data"] = data;
            }

            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value.AsString() ?? string.Empty));
            }

            secret.Remove("stringData");
        }

        secret["type"] ??= "Opaque";
        foreach (var (key, value) in secret["data"] as JsonObject ?? [])
        {
            var text = value.AsString() ?? string.Empty;
            if (!Convert.TryFromBase64String(text, new byte[text.Length], out _))
            {
                // What Go's []byte JSON decoding reports for bad base64, wrapped by the apiserver's decoder.
                throw ApiErrors.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data in data[{key}]");
            }
        }
    }
}
