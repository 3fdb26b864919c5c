// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Frozen;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ControlPlane.Schema;

/// <summary>
/// The top-level fields of the built-in kinds we serve, for fieldValidation: a real apiserver decodes into typed Go
/// structs, so an unknown field is dropped and reported (<c>strict decoding error: unknown field "x"</c>). Only the
/// top level is checked here; unknown nested fields of built-ins are kept.
/// </summary>
internal static class BuiltInFields
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> s_fields = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
    {
        ["/Namespace"] = Set("spec", "status"),
        ["/Secret"] = Set("data", "stringData", "type", "immutable"),
        ["/ConfigMap"] = Set("data", "binaryData", "immutable"),
        ["/ServiceAccount"] = Set("secrets", "imagePullSecrets", "automountServiceAccountToken"),
        ["/Service"] = Set("spec", "status"),
        ["coordination.k8s.io/Lease"] = Set("spec"),
        ["apps/Deployment"] = Set("spec", "status"),
        ["apps/StatefulSet"] = Set("spec", "status"),
        ["apps/DaemonSet"] = Set("spec", "status"),
        ["policy/PodDisruptionBudget"] = Set("spec", "status"),
        ["rbac.authorization.k8s.io/ClusterRole"] = Set("rules", "aggregationRule"),
        ["rbac.authorization.k8s.io/ClusterRoleBinding"] = Set("subjects", "roleRef"),
        ["rbac.authorization.k8s.io/Role"] = Set("rules"),
        ["rbac.authorization.k8s.io/RoleBinding"] = Set("subjects", "roleRef"),
        ["apiextensions.k8s.io/CustomResourceDefinition"] = Set("spec", "status"),
        ["admissionregistration.k8s.io/ValidatingWebhookConfiguration"] = Set("webhooks"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Removes unknown top-level fields and returns their names; kinds without a known field list (events,
    /// whose two API layouts share storage) are left alone.</summary>
    public static IReadOnlyList<string> Prune(ResourceDescriptor descriptor, JsonObject obj)
    {
        if (!s_fields.TryGetValue(descriptor.Group + "/" + descriptor.Kind, out var known))
        {
            return [];
        }

        var unknown = obj.Select(p => p.Key).Where(k => k is not ("apiVersion" or "kind" or "metadata") && !known.Contains(k)).ToList();
        foreach (var name in unknown)
        {
            obj.Remove(name);
        }

        return unknown;
    }

    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);
}
