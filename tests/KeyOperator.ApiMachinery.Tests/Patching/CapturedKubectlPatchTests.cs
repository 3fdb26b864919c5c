// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Patching;

namespace KeyOperator.ApiMachinery.Tests.Patching;

public sealed class CapturedKubectlPatchTests
{
    [Theory]
    [InlineData("apply-web-v2")]
    [InlineData("rollout-restart")]
    [InlineData("set-image")]
    [InlineData("patch-delete-sidecar")]
    [InlineData("set-env")]
    public void Apply_PatchCapturedFromKubectl_StoresWhatTheApiserverWould(string name)
    {
        var live = Load("deployment-web-live.json");
        var patch = Load(name + ".patch.json");
        var expected = Load(name + ".expected.json");

        var result = StrategicMergePatch.Apply(live, patch, StrategicMergeMetadata.Kubernetes);

        Assert.True(JsonNode.DeepEquals(expected, result), "expected " + expected.ToJsonString() + "\nactual   " + result.ToJsonString());
    }

    private static JsonNode Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine("TestData", "patching", file)))!;
}
