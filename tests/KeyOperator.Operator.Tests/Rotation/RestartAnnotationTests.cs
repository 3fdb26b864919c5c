// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator.Tests.Rotation;

public sealed class RestartAnnotationTests
{
    [Theory]
    [InlineData(null, "api=3")]
    [InlineData("", "api=3")]
    [InlineData("zeta=1", "api=3,zeta=1")]
    [InlineData("api=2,zeta=1", "api=3,zeta=1")]
    [InlineData("api=9", "api=9")]
    [InlineData("garbage, api=x ,b=2", "api=3,b=2")]
    public void Merge_Entry_RaisesVersionAndKeepsOthersSorted(string? existing, string expected)
    {
        Assert.Equal(expected, RestartAnnotation.Merge(existing, [new("api", 3)]));
    }

    [Fact]
    public void Merge_SameInputs_IsIdempotent()
    {
        string once = RestartAnnotation.Merge("b=1", [new("a", 2), new("c", 5)]);

        Assert.Equal(once, RestartAnnotation.Merge(once, [new("a", 2), new("c", 5)]));
    }

    [Theory]
    [InlineData("api=3,b=2", "api", 3)]
    [InlineData("api=3,b=2", "b", 2)]
    [InlineData("api=3", "missing", null)]
    [InlineData(null, "api", null)]
    public void VersionFor_Value_ReturnsRecordedVersion(string? value, string name, int? expected)
    {
        Assert.Equal(expected, RestartAnnotation.VersionFor(value, name));
    }
}
