// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ControlPlane.Resources;

/// <summary>The built-in kinds the local control plane serves from start-up.</summary>
internal static class BuiltInResources
{
    public static readonly ResourceDescriptor Namespaces = Core("Namespace", "namespaces", "namespace", false, ["ns"], status: true)
        with { Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"] };

    public static readonly ResourceDescriptor Secrets = Core("Secret", "secrets", "secret", true, []);

    public static readonly ResourceDescriptor ConfigMaps = Core("ConfigMap", "configmaps", "configmap", true, ["cm"]);

    public static readonly ResourceDescriptor ServiceAccounts = Core("ServiceAccount", "serviceaccounts", "serviceaccount", true, ["sa"]) with
    {
        Subresources = [new SubresourceDescriptor { Name = "token", Group = "authentication.k8s.io", Version = "v1", Kind = "TokenRequest", Verbs = ["create"] }],
    };

    public static readonly ResourceDescriptor Services = Core("Service", "services", "service", true, ["svc"], status: true, categories: ["all"]);

    public static readonly ResourceDescriptor CoreEvents = Core("Event", "events", "event", true, ["ev"]);

    public static readonly ResourceDescriptor Events = Make("events.k8s.io", "v1", "Event", "events", "event", true, ["ev"]);

    public static readonly ResourceDescriptor Leases = Make("coordination.k8s.io", "v1", "Lease", "leases", "lease", true, []);

    public static readonly ResourceDescriptor Deployments = Make("apps", "v1", "Deployment", "deployments", "deployment", true, ["deploy"], status: true, categories: ["all"]);

    public static readonly ResourceDescriptor StatefulSets = Make("apps", "v1", "StatefulSet", "statefulsets", "statefulset", true, ["sts"], status: true, categories: ["all"]);

    public static readonly ResourceDescriptor DaemonSets = Make("apps", "v1", "DaemonSet", "daemonsets", "daemonset", true, ["ds"], status: true, categories: ["all"]);

    public static readonly ResourceDescriptor PodDisruptionBudgets = Make("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", "poddisruptionbudget", true, ["pdb"], status: true);

    public static readonly ResourceDescriptor ClusterRoles = Rbac("ClusterRole", "clusterroles", "clusterrole", false);

    public static readonly ResourceDescriptor ClusterRoleBindings = Rbac("ClusterRoleBinding", "clusterrolebindings", "clusterrolebinding", false);

    public static readonly ResourceDescriptor Roles = Rbac("Role", "roles", "role", true);

    public static readonly ResourceDescriptor RoleBindings = Rbac("RoleBinding", "rolebindings", "rolebinding", true);

    public static readonly ResourceDescriptor CustomResourceDefinitions =
        Make("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", "customresourcedefinition", false, ["crd", "crds"], status: true, categories: ["api-extensions"]);

    public static readonly ResourceDescriptor ValidatingWebhookConfigurations =
        Make("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", "validatingwebhookconfiguration", false, [], categories: ["api-extensions"]);

    /// <summary>Create-only and never stored, like the apiserver's TokenReview REST storage.</summary>
    public static readonly ResourceDescriptor TokenReviews = Make("authentication.k8s.io", "v1", "TokenReview", "tokenreviews", "tokenreview", false, []) with { Verbs = ["create"] };

    public static IReadOnlyList<ResourceDescriptor> All { get; } =
    [
        Namespaces, Secrets, ConfigMaps, ServiceAccounts, Services, CoreEvents, Events, Leases, Deployments, StatefulSets, DaemonSets,
        PodDisruptionBudgets, ClusterRoles, ClusterRoleBindings, Roles, RoleBindings, CustomResourceDefinitions, ValidatingWebhookConfigurations,
        TokenReviews,
    ];

    private static ResourceDescriptor Core(
        string kind, string plural, string singular, bool namespaced, string[] shortNames, bool status = false, string[]? categories = null) =>
        Make(string.Empty, "v1", kind, plural, singular, namespaced, shortNames, status, categories);

    // Stored only: the control plane authorizes nothing, so RBAC objects are kept for kubectl and clients to read back.
    private static ResourceDescriptor Rbac(string kind, string plural, string singular, bool namespaced) =>
        Make("rbac.authorization.k8s.io", "v1", kind, plural, singular, namespaced, []);

    private static ResourceDescriptor Make(
        string group, string version, string kind, string plural, string singular, bool namespaced, string[] shortNames,
        bool status = false, string[]? categories = null) => new()
        {
            Group = group,
            Version = version,
            Kind = kind,
            Plural = plural,
            Singular = singular,
            Namespaced = namespaced,
            ShortNames = shortNames,
            Categories = categories ?? [],
            HasStatusSubresource = status,
            BuiltIn = true,
        };
}
