// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.Tests;

/// <summary>Descriptors of every built-in kind the control plane serves.</summary>
internal static class BuiltInDescriptors
{
    public static IReadOnlyList<ResourceDescriptor> All { get; } =
    [
        Make(string.Empty, "Namespace", "namespaces", false),
        Make(string.Empty, "Secret", "secrets", true),
        Make(string.Empty, "ConfigMap", "configmaps", true),
        Make(string.Empty, "ServiceAccount", "serviceaccounts", true),
        Make(string.Empty, "Service", "services", true),
        Make(string.Empty, "Event", "events", true),
        Make("events.k8s.io", "Event", "events", true),
        Make("coordination.k8s.io", "Lease", "leases", true),
        Make("apps", "Deployment", "deployments", true),
        Make("apps", "StatefulSet", "statefulsets", true),
        Make("apps", "DaemonSet", "daemonsets", true),
        Make("policy", "PodDisruptionBudget", "poddisruptionbudgets", true),
        Make("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", false),
        Make("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", false),
        Make("rbac.authorization.k8s.io", "Role", "roles", true),
        Make("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", true),
        Make("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", false),
        Make("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false),
    ];

    public static ResourceDescriptor Get(string group, string kind) => All.Single(d => d.Group == group && d.Kind == kind);

    private static ResourceDescriptor Make(string group, string kind, string plural, bool namespaced) => new()
    {
        Group = group,
        Version = "v1",
        Kind = kind,
        Plural = plural,
        Singular = kind.ToLowerInvariant(),
        Namespaced = namespaced,
        BuiltIn = true,
    };
}
