// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.OpenApi;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.Tests.OpenApi;

public sealed class OpenApiV3DocumentsTests
{
    private static readonly JsonObject WidgetGvk = new() { ["group"] = "example.com", ["version"] = "v1", ["kind"] = "Widget" };

    [Fact]
    public void RootJson_EveryGroupVersion_HasKeyWithoutSlashAndHashedUrl()
    {
        var documents = OpenApiV3Documents.Build(Descriptors.All);

        var paths = JsonNode.Parse(documents.RootJson)!["paths"]!.AsObject();
        Assert.Equal(["api/v1", "apis/apiextensions.k8s.io/v1", "apis/example.com/v1", "apis/example.com/v2"], paths.Select(p => p.Key));
        var url = (string)paths["apis/example.com/v1"]!["serverRelativeURL"]!;
        Assert.Equal("/openapi/v3/apis/example.com/v1?hash=" + documents.Find("apis/example.com/v1")!.Hash, url);
        Assert.Matches("^[0-9A-F]{64}$", documents.Find("/api/v1")!.Hash);
    }

    [Fact]
    public void Hash_SchemaChanges_HashChangesAndOtherGroupVersionsStable()
    {
        var before = OpenApiV3Documents.Build(Descriptors.All);
        var schema = Descriptors.WidgetSchema();
        schema["properties"]!["spec"]!["properties"]!["weight"] = new JsonObject { ["type"] = "integer" };
        var after = OpenApiV3Documents.Build([.. Descriptors.All.Where(d => d != Descriptors.Widget), Descriptors.Widget with { Schema = schema }]);

        Assert.NotEqual(before.Find("apis/example.com/v1")!.Hash, after.Find("apis/example.com/v1")!.Hash);
        Assert.Equal(before.Find("api/v1")!.Hash, after.Find("api/v1")!.Hash);
        Assert.Equal(before.Find("api/v1")!.Hash, OpenApiV3Documents.Build(Descriptors.All).Find("api/v1")!.Hash);
    }

    [Fact]
    public void Find_UnknownGroupVersion_ReturnsNull()
    {
        Assert.Null(OpenApiV3Documents.Build(Descriptors.All).Find("apis/nope.io/v1"));
    }

    [Theory]
    [InlineData("/apis/example.com/v1/widgets")]
    [InlineData("/apis/example.com/v1/namespaces/{namespace}/widgets")]
    [InlineData("/apis/example.com/v1/namespaces/{namespace}/widgets/{name}")]
    [InlineData("/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/status")]
    public void CustomResourceDocument_ExplainPaths_Exist(string path)
    {
        var doc = Document("apis/example.com/v1");

        Assert.NotNull(doc["paths"]![path]);
    }

    [Fact]
    public void CustomResourcePatch_Always_HasGvkFieldValidationAndNoStrategicMerge()
    {
        var patch = Document("apis/example.com/v1", advertise: true)["paths"]!["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"]!["patch"]!;

        Assert.True(JsonNode.DeepEquals(WidgetGvk, patch["x-kubernetes-group-version-kind"]));
        Assert.Contains(patch["parameters"]!.AsArray(), p => (string?)p!["name"] == "fieldValidation" && (string?)p["in"] == "query");
        var content = patch["requestBody"]!["content"]!.AsObject();
        Assert.Contains("application/merge-patch+json", content.Select(c => c.Key));
        Assert.DoesNotContain("application/strategic-merge-patch+json", content.Select(c => c.Key));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void BuiltInPatch_AdvertiseOption_ControlsStrategicMerge(bool advertise, bool expected)
    {
        var patch = Document("api/v1", advertise)["paths"]!["/api/v1/namespaces/{name}"]!["patch"]!;

        Assert.Equal(expected, patch["requestBody"]!["content"]!.AsObject().ContainsKey("application/strategic-merge-patch+json"));
        Assert.Equal("Namespace", (string?)patch["x-kubernetes-group-version-kind"]!["kind"]);
    }

    [Fact]
    public void CustomResourceSchema_FromCrd_HasGvkListTypeMetaAndObjectMetaRef()
    {
        var schema = Document("apis/example.com/v1")["components"]!["schemas"]!["com.example.v1.Widget"]!;

        Assert.True(JsonNode.DeepEquals(new JsonArray(WidgetGvk.DeepClone()), schema["x-kubernetes-group-version-kind"]));
        var properties = schema["properties"]!.AsObject();
        Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], properties.Select(p => p.Key));
        Assert.Equal("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", (string?)properties["metadata"]!["allOf"]![0]!["$ref"]);
        Assert.Equal("How big.", (string?)properties["spec"]!["properties"]!["size"]!["description"]);
        Assert.Equal("WidgetList", (string?)Document("apis/example.com/v1")["components"]!["schemas"]!["com.example.v1.WidgetList"]!["x-kubernetes-group-version-kind"]![0]!["kind"]);
    }

    [Fact]
    public void BuiltInKinds_AllServed_UseHandWrittenSchemasWithDescriptions()
    {
        var documents = OpenApiV3Documents.Build(BuiltInDescriptors.All);

        foreach (var descriptor in BuiltInDescriptors.All)
        {
            var doc = JsonNode.Parse(documents.Find(Key(descriptor))!.Json)!;
            var schema = doc["components"]!["schemas"]!.AsObject().Single(s =>
                s.Value!["x-kubernetes-group-version-kind"] is JsonArray gvks && gvks.Any(g => (string?)g!["kind"] == descriptor.Kind && (string?)g["group"] == descriptor.Group));
            Assert.StartsWith("io.k8s.", schema.Key, StringComparison.Ordinal);
            Assert.False(string.IsNullOrEmpty((string?)schema.Value!["description"]), descriptor.Kind);
            Assert.NotNull(schema.Value["properties"]!["metadata"]);
        }
    }

    [Fact]
    public void CrdSchema_OpenApiV3Schema_PreservesUnknownFields()
    {
        var doc = JsonNode.Parse(OpenApiV3Documents.Build(BuiltInDescriptors.All).Find("apis/apiextensions.k8s.io/v1")!.Json)!;

        var version = doc["components"]!["schemas"]!["io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion"]!;
        Assert.True((bool)version["properties"]!["schema"]!["properties"]!["openAPIV3Schema"]!["x-kubernetes-preserve-unknown-fields"]!);
    }

    [Fact]
    public void EveryDocument_AllReferences_Resolve()
    {
        var documents = OpenApiV3Documents.Build([.. BuiltInDescriptors.All, Descriptors.Widget]);

        foreach (var document in documents.GroupVersions)
        {
            var doc = JsonNode.Parse(document.Json)!;
            var schemas = doc["components"]!["schemas"]!.AsObject();
            foreach (var reference in References(doc))
            {
                Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), document.Key + " lacks " + reference);
            }
        }
    }

    private static string Key(ResourceDescriptor d) => d.Group.Length == 0 ? "api/v1" : "apis/" + d.Group + "/v1";

    private static JsonNode Document(string key, bool advertise = false) =>
        JsonNode.Parse(OpenApiV3Documents.Build(Descriptors.All, advertise).Find(key)!.Json)!;

    private static IEnumerable<string> References(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Key == "$ref" ? [(string)p.Value!] : References(p.Value)),
        JsonArray array => array.SelectMany(References),
        _ => [],
    };
}
