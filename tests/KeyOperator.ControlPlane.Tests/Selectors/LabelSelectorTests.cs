// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Selectors;

namespace KeyOperator.ControlPlane.Tests.Selectors;

public sealed class LabelSelectorTests
{
    private static readonly JsonObject s_object = JsonNode.Parse("""{"metadata":{"labels":{"env":"prod","tier":"web"}}}""")!.AsObject();

    [Theory]
    [InlineData("", true)]
    [InlineData("env=prod", true)]
    [InlineData("env==prod,tier=web", true)]
    [InlineData("env!=prod", false)]
    [InlineData("missing!=x", true)]
    [InlineData("env in (dev, prod)", true)]
    [InlineData("env notin (prod)", false)]
    [InlineData("missing notin (prod)", true)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("env in (prod),!missing", true)]
    public void Matches_Requirement_FollowsApimachinerySemantics(string selector, bool expected)
    {
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(s_object));
    }

    [Theory]
    [InlineData("env in prod")]
    [InlineData("a b")]
    public void Parse_Malformed_ThrowsBadRequest(string selector)
    {
        var error = Assert.Throws<ApiException>(() => LabelSelector.Parse(selector));

        Assert.Equal(400, error.Code);
    }
}
