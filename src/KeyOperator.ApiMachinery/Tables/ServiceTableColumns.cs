// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ApiMachinery.Tables;

/// <summary>The columns of core/v1 Service, after <c>printService</c> in kubernetes <c>pkg/printers/internalversion</c>.</summary>
internal static class ServiceTableColumns
{
    public static IReadOnlyList<TableColumn> All { get; } =
    [
        TableColumn.NameColumn,
        new("Type", "string", (o, _) => TableCells.Text(o, ".spec.type") ?? "ClusterIP") { Description = "type determines how the Service is exposed." },
        // No IPs are allocated here, so a Service without an explicit clusterIP shows <none> where a cluster shows one.
        new("Cluster-IP", "string", (o, _) => NoneIfEmpty(TableCells.Text(o, ".spec.clusterIP"))) { Description = "clusterIP is the IP address of the service and is usually assigned randomly." },
        new("External-IP", "string", (o, _) => ExternalIps(o)) { Description = "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service." },
        new("Port(s)", "string", (o, _) => Ports(o)) { Description = "The list of ports that are exposed by this service." },
        TableColumn.Age,
        new("Selector", "string", (o, _) => Selector(o)) { Priority = 1, Description = "Route service traffic to pods with label keys and values matching this selector." },
    ];

    private static string NoneIfEmpty(string? text) => string.IsNullOrEmpty(text) ? "<none>" : text;

    private static string ExternalIps(JsonObject o)
    {
        if (TableCells.Text(o, ".spec.type") == "ExternalName")
        {
            return NoneIfEmpty(TableCells.Text(o, ".spec.externalName"));
        }

        var ips = o["spec"]?["externalIPs"] is JsonArray list ? list.OfType<JsonValue>().Select(v => v.ToString()).ToList() : [];
        return ips.Count == 0 ? "<none>" : string.Join(',', ips);
    }

    private static string Ports(JsonObject o)
    {
        if (o["spec"]?["ports"] is not JsonArray { Count: > 0 } ports)
        {
            return "<none>";
        }

        return string.Join(',', ports.OfType<JsonObject>().Select(p =>
        {
            var port = TableCells.Integer(p, ".port").ToString(System.Globalization.CultureInfo.InvariantCulture);
            var nodePort = TableCells.Integer(p, ".nodePort");
            var protocol = TableCells.Text(p, ".protocol") ?? "TCP";
            return nodePort > 0 ? $"{port}:{nodePort}/{protocol}" : $"{port}/{protocol}";
        }));
    }

    private static string Selector(JsonObject o) => o["spec"]?["selector"] is JsonObject { Count: > 0 } labels
        ? string.Join(',', labels.Select(p => p.Key + "=" + p.Value))
        : "<none>";
}
