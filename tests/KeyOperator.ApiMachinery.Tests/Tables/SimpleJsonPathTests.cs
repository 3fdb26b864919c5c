// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Tables;

namespace KeyOperator.ApiMachinery.Tests.Tables;

public sealed class SimpleJsonPathTests
{
    private static readonly JsonNode Doc = JsonNode.Parse("""
        {"metadata":{"name":"w1","labels":{"app.kubernetes.io/name":"x"}},
         "spec":{"size":"M","ports":[80,443],"containers":[{"name":"a","image":"i1"},{"name":"b","image":"i2"}]},
         "status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}
        """)!;

    [Theory]
    [InlineData(".metadata.name", "\"w1\"")]
    [InlineData("{.spec.size}", "\"M\"")]
    [InlineData(".spec.ports[1]", "443")]
    [InlineData(".spec.ports[-1]", "443")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "\"True\"")]
    [InlineData(".status.conditions[?(@.type=='Synced')].status", "\"False\"")]
    [InlineData(".status.conditions[?(@.type!=\"Synced\")].type", "\"Ready\"")]
    [InlineData(".metadata.labels['app.kubernetes.io/name']", "\"x\"")]
    [InlineData("$.spec.containers[*].image", "\"i1\",\"i2\"")]
    [InlineData(".spec.missing", "")]
    [InlineData(".spec.ports[7]", "")]
    public void Evaluate_SupportedExpressions_SelectsNodes(string path, string expected)
    {
        var result = SimpleJsonPath.Evaluate(Doc, path);

        Assert.Equal(expected, string.Join(',', result.Select(n => n!.ToJsonString())));
    }

    [Theory]
    [InlineData(".spec[")]
    [InlineData(".spec[abc]")]
    [InlineData("spec")]
    public void Evaluate_Unsupported_ThrowsFormatException(string path)
    {
        Assert.Throws<FormatException>(() => SimpleJsonPath.Evaluate(Doc, path));
    }
}
