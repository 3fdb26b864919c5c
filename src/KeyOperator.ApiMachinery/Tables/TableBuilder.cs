// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.Tables;

/// <summary>
/// Renders objects as a <c>meta.k8s.io/v1</c> <c>Table</c>, the form <c>kubectl get</c> asks for
/// (<c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>).
/// </summary>
/// <remarks>
/// Columns: the apiserver's column set for built-in kinds; otherwise Name, the printer columns ordered by priority,
/// and Age (unless a printer column already shows the creation time). Cells are computed here, dates as ages.
/// </remarks>
public static class TableBuilder
{
    /// <summary>A Table for a list response; <c>metadata.resourceVersion</c> lets <c>kubectl get -w</c> watch from it.</summary>
    /// <param name="resource">The listed resource.</param>
    /// <param name="items">The objects, in list order.</param>
    /// <param name="resourceVersion">The list's resourceVersion; omitted when null.</param>
    /// <param name="now">Current time for age cells.</param>
    /// <param name="includeObject">What each row carries in <c>object</c>.</param>
    public static JsonObject BuildList(ResourceDescriptor resource, IEnumerable<JsonObject> items, string? resourceVersion, DateTimeOffset now, TableIncludeObject includeObject = TableIncludeObject.Metadata)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(items);
        var columns = ColumnsFor(resource);
        var rows = new JsonArray();
        foreach (var item in items)
        {
            rows.Add((JsonNode)Row(columns, item, now, includeObject));
        }

        var metadata = new JsonObject();
        if (resourceVersion is not null)
        {
            metadata["resourceVersion"] = resourceVersion;
        }

        var definitions = new JsonArray();
        foreach (var column in columns)
        {
            definitions.Add((JsonNode)column.Definition());
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    /// <summary>A one-row Table for a single GET or a watch event; resourceVersion is the object's.</summary>
    /// <param name="resource">The object's resource.</param>
    /// <param name="item">The object.</param>
    /// <param name="now">Current time for age cells.</param>
    /// <param name="includeObject">What the row carries in <c>object</c>.</param>
    public static JsonObject BuildSingle(ResourceDescriptor resource, JsonObject item, DateTimeOffset now, TableIncludeObject includeObject = TableIncludeObject.Metadata)
    {
        ArgumentNullException.ThrowIfNull(item);
        return BuildList(resource, [item], (string?)item["metadata"]?["resourceVersion"], now, includeObject);
    }

    /// <summary>Reads the <c>includeObject</c> query parameter; absent or unknown means <see cref="TableIncludeObject.Metadata"/>.</summary>
    /// <param name="value">The raw query value.</param>
    public static TableIncludeObject ParseIncludeObject(string? value) => value switch
    {
        "None" => TableIncludeObject.None,
        "Object" => TableIncludeObject.Object,
        _ => TableIncludeObject.Metadata,
    };

    /// <summary>True when an <c>Accept</c> header asks for <c>as=Table</c> in <c>meta.k8s.io</c> v1 (or v1beta1).</summary>
    /// <param name="accept">The raw header value.</param>
    public static bool WantsTable(string? accept)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return false;
        }

        foreach (var range in accept.Split(','))
        {
            var parameters = range.Split(';', StringSplitOptions.TrimEntries);
            if (parameters.Contains("as=Table", StringComparer.Ordinal) && parameters.Contains("g=meta.k8s.io", StringComparer.Ordinal)
                && (parameters.Contains("v=v1", StringComparer.Ordinal) || parameters.Contains("v=v1beta1", StringComparer.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    internal static IReadOnlyList<TableColumn> ColumnsFor(ResourceDescriptor resource)
    {
        if (resource.BuiltIn && BuiltInTableColumns.For(resource.Group, resource.Kind) is { } builtIn)
        {
            return builtIn;
        }

        var columns = new List<TableColumn> { TableColumn.NameColumn };
        foreach (var printer in resource.PrinterColumns.OrderBy(c => c.Priority))
        {
            var path = printer.JsonPath;
            var type = printer.Type;
            columns.Add(new TableColumn(printer.Name, type, (o, now) => TableCells.Typed(type, SafeFirst(o, path), now))
            {
                Format = printer.Format,
                Description = printer.Description ?? string.Empty,
                Priority = printer.Priority,
            });
        }

        if (!resource.PrinterColumns.Any(c => c.JsonPath.Trim() is ".metadata.creationTimestamp" or "{.metadata.creationTimestamp}"))
        {
            columns.Add(TableColumn.Age);
        }

        return columns;
    }

    private static JsonNode? SafeFirst(JsonObject item, string path)
    {
        try
        {
            return SimpleJsonPath.First(item, path)?.DeepClone();
        }
        catch (FormatException)
        {
            // A bad printer column must not break listing; the apiserver also prints an empty cell then.
            return null;
        }
    }

    private static JsonObject Row(IReadOnlyList<TableColumn> columns, JsonObject item, DateTimeOffset now, TableIncludeObject includeObject)
    {
        var cells = new JsonArray();
        foreach (var column in columns)
        {
            cells.Add(column.Cell(item, now));
        }

        var row = new JsonObject { ["cells"] = cells };
        switch (includeObject)
        {
            case TableIncludeObject.Metadata:
                row["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]?.DeepClone() ?? new JsonObject(),
                };
                break;
            case TableIncludeObject.Object:
                row["object"] = item.DeepClone();
                break;
        }

        return row;
    }
}
