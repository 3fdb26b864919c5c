// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.Tests.Crds;

public sealed class YamlWriterTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("2048")]
    [InlineData("1.5")]
    [InlineData("0x1F")]
    [InlineData("2026-01-02")]
    [InlineData("")]
    public void Write_StringThatReadsAsAnotherType_IsQuoted(string text)
    {
        string yaml = YamlWriter.Write(new JsonObject { ["v"] = text });

        Assert.Equal("v: \"" + text + "\"\n", yaml);
        Assert.Equal(text, (string?)YamlToJson.Parse(yaml)["v"]);
    }

    [Theory]
    [InlineData("P-256")]
    [InlineData("^[a-z][a-z0-9_]{0,15}$")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status")]
    [InlineData("key: value # not a comment")]
    [InlineData("- not a list")]
    [InlineData("* not an alias")]
    public void Write_AnyString_RoundTrips(string text)
    {
        Assert.Equal(text, (string?)YamlToJson.Parse(YamlWriter.Write(new JsonObject { ["v"] = text }))["v"]);
    }

    [Fact]
    public void Write_Tree_SortsKeysAndUsesBlockStyle()
    {
        var node = new JsonObject
        {
            ["b"] = new JsonArray(1, true),
            ["a"] = new JsonObject(),
            ["c"] = new JsonArray(),
            ["d"] = "line one\nline two",
        };

        Assert.Equal("a: {}\nb:\n- 1\n- true\nc: []\nd: |-\n  line one\n  line two\n", YamlWriter.Write(node));
    }

    [Fact]
    public void Write_LongString_IsNotWrapped()
    {
        string text = string.Join(' ', Enumerable.Repeat("word", 100));

        Assert.Equal("v: " + text + "\n", YamlWriter.Write(new JsonObject { ["v"] = text }));
    }
}
