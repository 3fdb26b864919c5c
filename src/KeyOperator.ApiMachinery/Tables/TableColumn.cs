// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ApiMachinery.Tables;

/// <summary>A column definition plus the function that computes its cell from an object at a given time.</summary>
internal sealed record TableColumn(string Name, string Type, Func<JsonObject, DateTimeOffset, JsonNode?> Cell)
{
    public string? Format { get; init; }

    public string Description { get; init; } = string.Empty;

    public int Priority { get; init; }

    public JsonObject Definition() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format ?? string.Empty,
        ["description"] = Description,
        ["priority"] = Priority,
    };

    public static TableColumn NameColumn { get; } = new("Name", "string", (o, _) => o["metadata"]?["name"]?.DeepClone())
    {
        Format = "name",
        Description = "Name must be unique within a namespace.",
    };

    public static TableColumn Age { get; } = new("Age", "date", (o, now) => HumanDuration.Since(TableCells.Text(o, ".metadata.creationTimestamp"), now))
    {
        Description = "CreationTimestamp is a timestamp representing the server time when this object was created.",
    };
}
