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

    public static readonly ResourceDescriptor ServiceAccounts = Core("ServiceAccount", "serviceaccounts", "serviceaccount", true, ["sa"]);

    public static readonly ResourceDescriptor CoreEvents = Core("Event", "events", "event", true, ["ev"]);

    public static readonly ResourceDescriptor Events = Make("events.k8s.io", "v1", "Event", "events", "event", true, ["ev"]);

    public static readonly ResourceDescriptor Leases = Make("coordination.k8s.io", "v1", "Lease", "leases", "lease", true, []);

    public static readonly ResourceDescriptor Deployments = Make("apps", "v1", "Deployment", "deployments", "deployment", true, ["deploy"], status: true, categories: ["all"]);

    public static readonly ResourceDescriptor StatefulSets = Make("apps", "v1", "StatefulSet", "statefulsets", "statefulset", true, ["sts"], status: true, categories: ["all"]);

    public static readonly ResourceDescriptor DaemonSets = Make("apps", "v1", "DaemonSet", "daemonsets", "daemonset", true, ["ds"], status: true, categories: ["all"]);

    public static readonly ResourceDescriptor CustomResourceDefinitions =
        Make("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", "customresourcedefinition", false, ["crd", "crds"], status: true, categories: ["api-extensions"]);

    public static readonly ResourceDescriptor ValidatingWebhookConfigurations =
        Make("admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", "validatingwebhookconfiguration", false, [], categories: ["api-extensions"]);

    public static IReadOnlyList<ResourceDescriptor> All { get; } =
    [
        Namespaces, Secrets, ConfigMaps, ServiceAccounts, CoreEvents, Events, Leases, Deployments, StatefulSets, DaemonSets,
        CustomResourceDefinitions, ValidatingWebhookConfigurations,
    ];

    private static ResourceDescriptor Core(string kind, string plural, string singular, bool namespaced, string[] shortNames, bool status = false) =>
        Make(string.Empty, "v1", kind, plural, singular, namespaced, shortNames, status);

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
