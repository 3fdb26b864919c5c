// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Patching;

namespace KeyOperator.ApiMachinery.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"web","labels":{"app":"web","tier":"front"},"finalizers":["a","b"],
                     "ownerReferences":[{"uid":"u1","kind":"X","name":"x"}]},
         "spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"web"}},"spec":{
           "containers":[
             {"name":"nginx","image":"nginx:1.27","args":["-a","-b"],"ports":[{"containerPort":80,"name":"http"}],
              "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
             {"name":"sidecar","image":"busybox"}],
           "volumes":[{"name":"data","emptyDir":{}}]}}},
         "status":{"conditions":[{"type":"Available","status":"False"},{"type":"Progressing","status":"True"}]}}
        """;

    [Theory]
    [InlineData("""{"metadata":{"labels":{"tier":null,"env":"dev"}}}""", """{"app":"web","env":"dev"}""", "metadata.labels")]
    [InlineData("""{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}}}}}""", """{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}""", "spec.template.metadata.annotations")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}""", "\"nginx:1.28\"", "spec.template.spec.containers[0].image")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}""", "\"busybox\"", "spec.template.spec.containers[1].image")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"nginx","args":["-c"]}]}}}}""", """["-c"]""", "spec.template.spec.containers[0].args")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}}}""", """[{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}]""", "spec.template.spec.containers[0].env")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}}}""", """[{"containerPort":80,"name":"http","protocol":"TCP"}]""", "spec.template.spec.containers[0].ports")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""", """[{"name":"nginx","image":"nginx:1.27","args":["-a","-b"],"ports":[{"containerPort":80,"name":"http"}],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}]""", "spec.template.spec.containers")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"new","image":"x"},{"$patch":"replace"}]}}}}""", """[{"name":"new","image":"x"}]""", "spec.template.spec.containers")]
    [InlineData("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"nginx"}],"containers":[{"name":"sidecar","image":"busybox:2"}]}}}}""", "[\"sidecar\",\"nginx\"]", "spec.template.spec.containers[*].name")]
    [InlineData("""{"spec":{"template":{"spec":{"volumes":[{"name":"data","$retainKeys":["name","secret"],"secret":{"secretName":"s"}}]}}}}""", """[{"name":"data","secret":{"secretName":"s"}}]""", "spec.template.spec.volumes")]
    [InlineData("""{"metadata":{"finalizers":["c","a"]}}""", """["a","b","c"]""", "metadata.finalizers")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""", """["b"]""", "metadata.finalizers")]
    [InlineData("""{"metadata":{"ownerReferences":[{"uid":"u2","kind":"Y","name":"y"}]}}""", "[\"u1\",\"u2\"]", "metadata.ownerReferences[*].uid")]
    [InlineData("""{"status":{"conditions":[{"type":"Available","status":"True"}]}}""", """[{"type":"Available","status":"True"},{"type":"Progressing","status":"True"}]""", "status.conditions")]
    [InlineData("""{"spec":{"template":{"$patch":"replace","spec":{"containers":[]}}}}""", """{"spec":{"containers":[]}}""", "spec.template")]
    [InlineData("""{"spec":{"template":{"metadata":{"$patch":"delete"}}}}""", "", "spec.template.metadata")]
    [InlineData("""{"spec":{"selector":{"matchLabels":{"app":"web","x":null}}}}""", """{"matchLabels":{"app":"web"}}""", "spec.selector")]
    public void Apply_KubectlStylePatches_MergeLikeTheApiserver(string patch, string expected, string path)
    {
        var original = JsonNode.Parse(Deployment)!;

        var result = StrategicMergePatch.Apply(original, JsonNode.Parse(patch)!, StrategicMergeMetadata.Kubernetes);

        Assert.Equal(expected, Select(result, path));
    }

    [Fact]
    public void Apply_KubectlApplyPatchForDeployment_ChangesImageAndKeepsEverythingElse()
    {
        // Shape of the patch kubectl apply computes after editing the image in a Deployment manifest.
        var patch = JsonNode.Parse("""
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"}},
             "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],
               "containers":[{"image":"nginx:1.28","name":"nginx"}]}}}}
            """)!;
        var original = JsonNode.Parse(Deployment)!;

        var result = StrategicMergePatch.Apply(original, patch, StrategicMergeMetadata.Kubernetes);

        var expected = JsonNode.Parse(Deployment)!;
        expected["metadata"]!["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = "{}\n" };
        expected["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:1.28";
        Assert.True(JsonNode.DeepEquals(expected, result), result.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Deployment), original), "the original must not change");
    }

    [Fact]
    public void Apply_ConfigMapData_MergesAndDeletesKeys()
    {
        var original = JsonNode.Parse("""{"data":{"a":"1","b":"2"}}""");

        var result = StrategicMergePatch.Apply(original, JsonNode.Parse("""{"data":{"a":null,"c":"3"}}""")!, StrategicMergeMetadata.Kubernetes);

        Assert.Equal("""{"data":{"b":"2","c":"3"}}""", result.ToJsonString());
    }

    [Fact]
    public void Apply_NoMetadata_ReplacesLists()
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse(Deployment), JsonNode.Parse("""{"metadata":{"finalizers":["c"]}}""")!, StrategicMergeMetadata.None);

        Assert.Equal("""["c"]""", result["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Apply_NullOriginal_StripsDirectivesAndNulls()
    {
        var result = StrategicMergePatch.Apply(null, JsonNode.Parse("""{"a":{"b":null,"c":1},"$patch":"merge"}""")!, StrategicMergeMetadata.Kubernetes);

        Assert.Equal("""{"a":{"c":1}}""", result.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"add"}]""")]
    [InlineData("""{"metadata":{"$patch":"explode"}}""")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"image":"no-name"}]}}}}""")]
    public void Apply_MalformedPatch_ThrowsFormatException(string patch)
    {
        Assert.Throws<FormatException>(() => StrategicMergePatch.Apply(JsonNode.Parse(Deployment), JsonNode.Parse(patch)!, StrategicMergeMetadata.Kubernetes));
    }

    [Theory]
    [InlineData("spec.ports", "port")]
    [InlineData("spec.template.spec.containers.ports", "containerPort")]
    [InlineData("metadata.finalizers", null)]
    [InlineData("spec.finalizers", null)]
    public void For_PathOverridesThenFieldName_ReturnsMergeKey(string path, string? mergeKey)
    {
        Assert.Equal(mergeKey, StrategicMergeMetadata.Kubernetes.For(path)?.MergeKey);
    }

    private static string Select(JsonNode root, string path)
    {
        var nodes = KeyOperator.ApiMachinery.Tables.SimpleJsonPath.Evaluate(root, "." + path);
        return nodes.Count switch
        {
            0 => string.Empty,
            1 => nodes[0]!.ToJsonString(),
            _ => new JsonArray([.. nodes.Select(n => n!.DeepClone())]).ToJsonString(),
        };
    }
}
