// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Json;

namespace KeyOperator.ApiMachinery.Tables;

/// <summary>
/// The columns the apiserver prints for the built-in kinds the control plane serves, after
/// kubernetes <c>pkg/printers/internalversion/printers.go</c> (and the default table convertor for CRDs).
/// </summary>
internal static class BuiltInTableColumns
{
    // Declared first: static initializers run in textual order and the column sets below use these.
    private static TableColumn Containers { get; } = new("Containers", "string", (o, _) => Join(o, "name")) { Priority = 1, Description = "Names of each container in the template." };

    private static TableColumn Images { get; } = new("Images", "string", (o, _) => Join(o, "image")) { Priority = 1, Description = "Images referenced by each container in the template." };

    private static TableColumn Selector { get; } = new("Selector", "string", (o, _) => FormatSelector(o["spec"]?["selector"]?["matchLabels"] as JsonObject)) { Priority = 1, Description = "The label selector of the pods." };

    private static readonly TableColumn[] Namespaces =
    [
        TableColumn.NameColumn,
        new("Status", "string", (o, _) => TableCells.Text(o, ".status.phase")) { Description = "The status of the namespace" },
        TableColumn.Age,
    ];

    private static readonly TableColumn[] Secrets =
    [
        TableColumn.NameColumn,
        new("Type", "string", (o, _) => TableCells.Text(o, ".type") ?? "Opaque") { Description = "The type of the secret" },
        new("Data", "string", (o, _) => TableCells.Count(o, ".data")) { Description = "The number of entries in the secret" },
        TableColumn.Age,
    ];

    private static readonly TableColumn[] ConfigMaps =
    [
        TableColumn.NameColumn,
        new("Data", "string", (o, _) => TableCells.Count(o, ".data") + TableCells.Count(o, ".binaryData")) { Description = "The number of entries in the configmap" },
        TableColumn.Age,
    ];

    private static readonly TableColumn[] ServiceAccounts =
    [
        TableColumn.NameColumn,
        new("Secrets", "string", (o, _) => TableCells.Count(o, ".secrets")) { Description = "The number of secrets referenced by the service account" },
        TableColumn.Age,
    ];

    private static readonly TableColumn[] Deployments =
    [
        TableColumn.NameColumn,
        new("Ready", "string", (o, _) => Ratio(TableCells.Integer(o, ".status.readyReplicas"), DesiredReplicas(o))) { Description = "Number of the pod with ready state" },
        new("Up-to-date", "string", (o, _) => TableCells.Integer(o, ".status.updatedReplicas")) { Description = "Total number of non-terminated pods targeted by this deployment that have the desired template spec." },
        new("Available", "string", (o, _) => TableCells.Integer(o, ".status.availableReplicas")) { Description = "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment." },
        TableColumn.Age,
        Containers,
        Images,
        Selector,
    ];

    private static readonly TableColumn[] StatefulSets =
    [
        TableColumn.NameColumn,
        new("Ready", "string", (o, _) => Ratio(TableCells.Integer(o, ".status.readyReplicas"), DesiredReplicas(o))) { Description = "Number of the pod with ready state" },
        TableColumn.Age,
        Containers,
        Images,
    ];

    private static readonly TableColumn[] DaemonSets =
    [
        TableColumn.NameColumn,
        new("Desired", "integer", (o, _) => TableCells.Integer(o, ".status.desiredNumberScheduled")) { Description = "The total number of nodes that should be running the daemon pod." },
        new("Current", "integer", (o, _) => TableCells.Integer(o, ".status.currentNumberScheduled")) { Description = "The number of nodes that are running at least 1 daemon pod." },
        new("Ready", "integer", (o, _) => TableCells.Integer(o, ".status.numberReady")) { Description = "The number of nodes that should be running the daemon pod and have one or more of it running and ready." },
        new("Up-to-date", "integer", (o, _) => TableCells.Integer(o, ".status.updatedNumberScheduled")) { Description = "The total number of nodes that are running updated daemon pod" },
        new("Available", "integer", (o, _) => TableCells.Integer(o, ".status.numberAvailable")) { Description = "The number of nodes that should be running the daemon pod and have one or more of it running and available." },
        new("Node Selector", "string", (o, _) => FormatSelector(o["spec"]?["template"]?["spec"]?["nodeSelector"] as JsonObject)) { Description = "NodeSelector is a selector which must be true for the pod to fit on a node." },
        TableColumn.Age,
        Containers,
        Images,
        Selector,
    ];

    private static readonly TableColumn[] Leases =
    [
        TableColumn.NameColumn,
        new("Holder", "string", (o, _) => TableCells.Text(o, ".spec.holderIdentity") ?? "<none>") { Description = "The holder of the lease" },
        TableColumn.Age,
    ];

    private static readonly TableColumn[] PodDisruptionBudgets =
    [
        TableColumn.NameColumn,
        new("Min Available", "string", (o, _) => IntOrString(o, ".spec.minAvailable")) { Description = "The minimum number of pods that must be available simultaneously." },
        new("Max Unavailable", "string", (o, _) => IntOrString(o, ".spec.maxUnavailable")) { Description = "The maximum number of pods that may be unavailable simultaneously." },
        new("Allowed Disruptions", "integer", (o, _) => TableCells.Integer(o, ".status.disruptionsAllowed")) { Description = "Number of pod disruptions that are currently allowed." },
        TableColumn.Age,
    ];

    private static readonly TableColumn[] RoleBindings =
    [
        TableColumn.NameColumn,
        new("Role", "string", (o, _) => TableCells.Text(o, ".roleRef.kind") + "/" + TableCells.Text(o, ".roleRef.name")) { Description = "RoleRef references the role the binding grants." },
        TableColumn.Age,
    ];

    private static readonly TableColumn[] WebhookConfigurations =
    [
        TableColumn.NameColumn,
        new("Webhooks", "integer", (o, _) => TableCells.Count(o, ".webhooks")) { Description = "Webhooks indicates the number of webhooks included in the configuration." },
        TableColumn.Age,
    ];

    // CRDs have no printer upstream, so the apiserver's default table convertor prints the creation time as is.
    private static readonly TableColumn[] Default =
    [
        TableColumn.NameColumn,
        new("Created At", "date", (o, _) => TableCells.Text(o, ".metadata.creationTimestamp")) { Description = "CreationTimestamp is a timestamp representing the server time when this object was created." },
    ];

    /// <summary>The column set of a built-in kind; null when the kind has none (use the custom-column rules then).</summary>
    public static IReadOnlyList<TableColumn>? For(string group, string kind) => (group, kind) switch
    {
        ("", "Namespace") => Namespaces,
        ("", "Secret") => Secrets,
        ("", "ConfigMap") => ConfigMaps,
        ("", "ServiceAccount") => ServiceAccounts,
        ("", "Event") or ("events.k8s.io", "Event") => EventTableColumns.All,
        ("apps", "Deployment") => Deployments,
        ("apps", "StatefulSet") => StatefulSets,
        ("apps", "DaemonSet") => DaemonSets,
        ("", "Service") => ServiceTableColumns.All,
        ("coordination.k8s.io", "Lease") => Leases,
        ("policy", "PodDisruptionBudget") => PodDisruptionBudgets,
        ("rbac.authorization.k8s.io", "ClusterRoleBinding" or "RoleBinding") => RoleBindings,

        // Upstream prints roles with their creation time as is, like the default convertor.
        ("rbac.authorization.k8s.io", "ClusterRole" or "Role") => Default,
        ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration") => WebhookConfigurations,
        ("apiextensions.k8s.io", "CustomResourceDefinition") => Default,
        _ => null,
    };

    private static string IntOrString(JsonObject o, string path) =>
        SimpleJsonPath.First(o, path) is JsonValue value ? TableCells.Print(value) : "N/A";

    private static long DesiredReplicas(JsonObject o) =>
        JsonNodes.TryGetInt64(SimpleJsonPath.First(o, ".spec.replicas"), out var replicas) ? replicas : 1;

    private static string Ratio(long ready, long desired) => ready.ToString(CultureInfo.InvariantCulture) + "/" + desired.ToString(CultureInfo.InvariantCulture);

    private static string Join(JsonObject o, string field) => string.Join(',',
        SimpleJsonPath.Evaluate(o, ".spec.template.spec.containers[*]." + field).OfType<JsonValue>().Select(v => v.ToString()));

    private static string FormatSelector(JsonObject? labels) =>
        labels is null || labels.Count == 0 ? "<none>" : string.Join(',', labels.Select(p => p.Key + "=" + p.Value));
}
