// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>
/// Identifies a REST resource: where it lives (group, version, plural) and what it holds (kind, scope). Built-in types
/// are provided as static members; define custom resources with an object initializer.
/// </summary>
public sealed record ResourceType
{
    /// <summary>API group; empty for the core group (<c>/api/v1</c>).</summary>
    public required string Group { get; init; }

    /// <summary>Version, such as <c>v1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Lower-case plural used in URLs, such as <c>secrets</c>.</summary>
    public required string Plural { get; init; }

    /// <summary>Kind, such as <c>Secret</c>; also written into apply bodies that lack it.</summary>
    public required string Kind { get; init; }

    /// <summary>True for namespaced resources, false for cluster-scoped ones.</summary>
    public required bool Namespaced { get; init; }

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>core/v1 secrets.</summary>
    public static ResourceType Secrets { get; } = Core("secrets", "Secret");

    /// <summary>core/v1 configmaps.</summary>
    public static ResourceType ConfigMaps { get; } = Core("configmaps", "ConfigMap");

    /// <summary>core/v1 namespaces (cluster-scoped).</summary>
    public static ResourceType Namespaces { get; } = new() { Group = "", Version = "v1", Plural = "namespaces", Kind = "Namespace", Namespaced = false };

    /// <summary>core/v1 serviceaccounts.</summary>
    public static ResourceType ServiceAccounts { get; } = Core("serviceaccounts", "ServiceAccount");

    /// <summary>events.k8s.io/v1 events.</summary>
    public static ResourceType Events { get; } = new() { Group = "events.k8s.io", Version = "v1", Plural = "events", Kind = "Event", Namespaced = true };

    /// <summary>coordination.k8s.io/v1 leases.</summary>
    public static ResourceType Leases { get; } = new() { Group = "coordination.k8s.io", Version = "v1", Plural = "leases", Kind = "Lease", Namespaced = true };

    /// <summary>apiextensions.k8s.io/v1 customresourcedefinitions (cluster-scoped).</summary>
    public static ResourceType CustomResourceDefinitions { get; } = new() { Group = "apiextensions.k8s.io", Version = "v1", Plural = "customresourcedefinitions", Kind = "CustomResourceDefinition", Namespaced = false };

    /// <summary>admissionregistration.k8s.io/v1 validatingwebhookconfigurations (cluster-scoped).</summary>
    public static ResourceType ValidatingWebhookConfigurations { get; } = new() { Group = "admissionregistration.k8s.io", Version = "v1", Plural = "validatingwebhookconfigurations", Kind = "ValidatingWebhookConfiguration", Namespaced = false };

    /// <summary>apps/v1 deployments.</summary>
    public static ResourceType Deployments { get; } = Apps("deployments", "Deployment");

    /// <summary>apps/v1 statefulsets.</summary>
    public static ResourceType StatefulSets { get; } = Apps("statefulsets", "StatefulSet");

    /// <summary>apps/v1 daemonsets.</summary>
    public static ResourceType DaemonSets { get; } = Apps("daemonsets", "DaemonSet");

    /// <inheritdoc />
    public override string ToString() => Group.Length == 0 ? Plural : Plural + "." + Group;

    private static ResourceType Core(string plural, string kind) =>
        new() { Group = "", Version = "v1", Plural = plural, Kind = kind, Namespaced = true };

    private static ResourceType Apps(string plural, string kind) =>
        new() { Group = "apps", Version = "v1", Plural = plural, Kind = kind, Namespaced = true };
}
