// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ApiMachinery.Tables;

/// <summary>
/// Event columns (kubernetes <c>printers.go</c> <c>eventColumnDefinitions</c>), reading both the core/v1 shape and the
/// events.k8s.io/v1 shape (<c>regarding</c>, <c>note</c>, <c>deprecated*</c> fields).
/// </summary>
internal static class EventTableColumns
{
    public static IReadOnlyList<TableColumn> All { get; } =
    [
        new("Last Seen", "string", (o, now) => Age(LastSeen(o), now)) { Description = "The time at which the most recent occurrence of this event was recorded." },
        new("Type", "string", (o, _) => TableCells.Text(o, ".type")) { Description = "Type of this event (Normal, Warning)." },
        new("Reason", "string", (o, _) => TableCells.Text(o, ".reason")) { Description = "Why the action was taken." },
        new("Object", "string", (o, _) => ObjectName(o)) { Description = "The object that this event is about." },
        new("Subobject", "string", (o, _) => TableCells.Text(Regarding(o), ".fieldPath") ?? string.Empty) { Priority = 1, Description = "The part of the object this event is about." },
        new("Source", "string", (o, _) => Source(o)) { Priority = 1, Description = "The component reporting this event." },
        new("Message", "string", (o, _) => TableCells.Text(o, ".message") ?? TableCells.Text(o, ".note")) { Description = "A human-readable description of the status of this operation." },
        new("First Seen", "string", (o, now) => Age(TableCells.Text(o, ".firstTimestamp") ?? TableCells.Text(o, ".deprecatedFirstTimestamp") ?? TableCells.Text(o, ".eventTime"), now)) { Priority = 1, Description = "The time at which the event was first recorded." },
        new("Count", "string", (o, _) => Count(o)) { Priority = 1, Description = "The number of times this event has occurred." },
        new("Name", "string", (o, _) => TableCells.Text(o, ".metadata.name")) { Format = "name", Priority = 1, Description = "Name must be unique within a namespace." },
    ];

    private static JsonNode? Regarding(JsonObject o) => o["involvedObject"] ?? o["regarding"];

    private static string? LastSeen(JsonObject o) =>
        TableCells.Text(o, ".series.lastObservedTime")
        ?? TableCells.Text(o, ".lastTimestamp")
        ?? TableCells.Text(o, ".deprecatedLastTimestamp")
        ?? TableCells.Text(o, ".eventTime");

    private static string Age(string? timestamp, DateTimeOffset now) => timestamp is null ? "<unknown>" : HumanDuration.Since(timestamp, now);

    private static string ObjectName(JsonObject o)
    {
        var regarding = Regarding(o);
        return (TableCells.Text(regarding, ".kind") ?? string.Empty).ToLowerInvariant() + "/" + TableCells.Text(regarding, ".name");
    }

    private static string Source(JsonObject o)
    {
        var component = TableCells.Text(o, ".source.component") ?? TableCells.Text(o, ".reportingController") ?? TableCells.Text(o, ".reportingComponent") ?? string.Empty;
        var host = TableCells.Text(o, ".source.host") ?? TableCells.Text(o, ".deprecatedSource.host");
        return string.IsNullOrEmpty(host) ? component : component + ", " + host;
    }

    private static long Count(JsonObject o)
    {
        var series = TableCells.Integer(o, ".series.count");
        if (series > 0)
        {
            return series;
        }

        var count = TableCells.Integer(o, ".count");
        return count > 0 ? count : Math.Max(1, TableCells.Integer(o, ".deprecatedCount"));
    }
}
