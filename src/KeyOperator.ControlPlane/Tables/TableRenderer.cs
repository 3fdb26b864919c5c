// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ApiMachinery.Tables;

namespace KeyOperator.ControlPlane.Tables;

/// <summary>Answers <c>Accept: …;as=Table</c> with KeyOperator.ApiMachinery's Table builder (built-in kinds get the
/// apiserver's columns; CRDs get Name, printer columns, Age) and the server's clock for ages.</summary>
internal sealed class TableRenderer(TimeProvider timeProvider)
{
    public static bool Wants(string? accept) => TableBuilder.WantsTable(accept);

    public JsonObject Render(ResourceDescriptor descriptor, IEnumerable<JsonObject> objects, string? resourceVersion, string? continueToken)
    {
        var table = TableBuilder.BuildList(descriptor, objects, resourceVersion, timeProvider.GetUtcNow());
        if (continueToken is not null)
        {
            table["metadata"]!.AsObject()["continue"] = continueToken;
        }

        return table;
    }
}
