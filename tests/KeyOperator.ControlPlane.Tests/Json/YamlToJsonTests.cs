// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Tests.Json;

public sealed class YamlToJsonTests
{
    [Theory]
    [InlineData("a: 1", """{"a":1}""")]
    [InlineData("a: \"1\"", """{"a":"1"}""")]
    [InlineData("a: true\nb: null\nc: ~\nd: 1.5", """{"a":true,"b":null,"c":null,"d":1.5}""")]
    [InlineData("a: [x, 'y']\nb: {c: d}", """{"a":["x","y"],"b":{"c":"d"}}""")]
    [InlineData("s: |\n  line\n", """{"s":"line\n"}""")]
    [InlineData("v: v1\nn: 0x10", """{"v":"v1","n":16}""")]
    public void Parse_Scalars_FollowYaml12CoreSchema(string yaml, string expected)
    {
        var json = YamlToJson.Parse(yaml)!.ToJsonString();

        Assert.Equal(expected, json);
    }
}
