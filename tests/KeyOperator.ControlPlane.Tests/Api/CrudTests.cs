// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Text;

namespace KeyOperator.ControlPlane.Tests.Api;

public sealed class CrudTests
{
    private const string Secrets = "/api/v1/namespaces/default/secrets";
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Create_Secret_StampsMetadataAndMergesStringData()
    {
        await using var plane = await TestPlane.StartAsync();

        var created = await plane.CreateAsync(Secrets, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s1"},"stringData":{"k":"hello"},"data":{"x":"eA=="}}""");

        var metadata = created["metadata"]!;
        Assert.Equal("default", metadata["namespace"]!.GetValue<string>());
        Assert.True(Guid.TryParse(metadata["uid"]!.GetValue<string>(), out _));
        Assert.True(long.Parse(metadata["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.EndsWith("Z", metadata["creationTimestamp"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, metadata["generation"]!.GetValue<long>());
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("hello")), created["data"]!["k"]!.GetValue<string>());
        Assert.Equal("eA==", created["data"]!["x"]!.GetValue<string>());
        Assert.Null(created["stringData"]);
        Assert.Equal("Opaque", created["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_Twice_Returns409AlreadyExists()
    {
        await using var plane = await TestPlane.StartAsync();
        const string body = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm2"}}""";
        await plane.CreateAsync(ConfigMaps, body);

        var second = await plane.PostAsync(ConfigMaps, body);

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("AlreadyExists", second.Reason);
        Assert.Equal("configmaps \"cm2\" already exists", second.Message);
    }

    [Fact]
    public async Task Get_Missing_Returns404WithDetails()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.GetAsync(Secrets + "/x");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NotFound", response.Reason);
        Assert.Equal("secrets \"x\" not found", response.Message);
        Assert.Equal("x", response.Json!["details"]!["name"]!.GetValue<string>());
        Assert.Equal("secrets", response.Json!["details"]!["kind"]!.GetValue<string>());
        Assert.Equal(404, response.Json!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_InMissingNamespace_Returns404ForTheNamespace()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync("/api/v1/namespaces/nope/configmaps", """{"metadata":{"name":"a"}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("namespaces \"nope\" not found", response.Message);
    }

    [Fact]
    public async Task Create_WithGenerateName_AppendsRandomSuffix()
    {
        await using var plane = await TestPlane.StartAsync();

        var created = await plane.CreateAsync(ConfigMaps, """{"metadata":{"generateName":"gen-"}}""");

        var name = created["metadata"]!["name"]!.GetValue<string>();
        Assert.StartsWith("gen-", name, StringComparison.Ordinal);
        Assert.Equal(9, name.Length);
    }

    [Theory]
    [InlineData("""{"metadata":{}}""", "metadata.name: Required value: name or generateName is required")]
    [InlineData("""{"metadata":{"name":"Bad_Name"}}""", "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain")]
    public async Task Create_InvalidName_Returns422Invalid(string body, string expected)
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync(ConfigMaps, body);

        Assert.Equal((HttpStatusCode)422, response.Status);
        Assert.Equal("Invalid", response.Reason);
        Assert.Contains(expected, response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_WithStaleResourceVersion_Returns409Conflict()
    {
        await using var plane = await TestPlane.StartAsync();
        var created = await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        var staleVersion = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        var first = await plane.PutAsync(ConfigMaps + "/c", $$$"""{"metadata":{"name":"c","resourceVersion":"{{{staleVersion}}}"},"data":{"a":"2"}}""");

        var second = await plane.PutAsync(ConfigMaps + "/c", $$$"""{"metadata":{"name":"c","resourceVersion":"{{{staleVersion}}}"},"data":{"a":"3"}}""");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("Conflict", second.Reason);
        Assert.Equal("Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again", second.Message);
    }

    [Fact]
    public async Task Update_Missing_Returns404()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PutAsync(ConfigMaps + "/none", """{"metadata":{"name":"none"}}""");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Update_NameMismatch_Returns400()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c"}}""");

        var response = await plane.PutAsync(ConfigMaps + "/c", """{"metadata":{"name":"other"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("the name of the object (other) does not match the name on the URL (c)", response.Message);
    }

    [Fact]
    public async Task Update_SpecChange_BumpsGenerationButLabelChangeDoesNot()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync("/apis/apps/v1/namespaces/default/deployments", """{"metadata":{"name":"d"},"spec":{"replicas":1}}""");

        var labelled = await plane.PatchAsync("/apis/apps/v1/namespaces/default/deployments/d", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json");
        var scaled = await plane.PatchAsync("/apis/apps/v1/namespaces/default/deployments/d", """{"spec":{"replicas":2}}""", "application/merge-patch+json");

        Assert.Equal(1, labelled.Json!["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(2, scaled.Json!["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task MergePatch_NoChange_KeepsResourceVersion()
    {
        await using var plane = await TestPlane.StartAsync();
        var created = await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");

        var patched = await plane.PatchAsync(ConfigMaps + "/c", """{"data":{"a":"1"}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(created["metadata"]!["resourceVersion"]!.GetValue<string>(), patched.ResourceVersion);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(created, patched.Json));
    }

    [Fact]
    public async Task MergePatch_NullValue_RemovesKey()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c","labels":{"tier":"gold"}},"data":{"a":"1"}}""");

        var patched = await plane.PatchAsync(ConfigMaps + "/c", """{"metadata":{"labels":{"tier":null}},"data":{"b":"2"}}""", "application/merge-patch+json");

        Assert.Null(patched.Json!["metadata"]!["labels"]?["tier"]);
        Assert.Equal("1", patched.Json!["data"]!["a"]!.GetValue<string>());
        Assert.Equal("2", patched.Json!["data"]!["b"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonPatch_TestOpFails_Returns422AndLeavesObject()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");

        var failed = await plane.PatchAsync(ConfigMaps + "/c", """[{"op":"test","path":"/data/a","value":"2"},{"op":"replace","path":"/data/a","value":"3"}]""", "application/json-patch+json");
        var applied = await plane.PatchAsync(ConfigMaps + "/c", """[{"op":"test","path":"/data/a","value":"1"},{"op":"replace","path":"/data/a","value":"3"},{"op":"add","path":"/data/b","value":"4"}]""", "application/json-patch+json");

        Assert.Equal((HttpStatusCode)422, failed.Status);
        Assert.Equal("3", applied.Json!["data"]!["a"]!.GetValue<string>());
        Assert.Equal("4", applied.Json!["data"]!["b"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonPatch_ReplaceStaleResourceVersion_Returns409()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");

        var response = await plane.PatchAsync(ConfigMaps + "/c", """[{"op":"replace","path":"/metadata/resourceVersion","value":"1"},{"op":"replace","path":"/data/a","value":"2"}]""", "application/json-patch+json");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
    }

    [Fact]
    public async Task StrategicMergePatch_BuiltIn_IsAccepted()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"}}""");

        var response = await plane.PatchAsync(ConfigMaps + "/c", """{"data":{"b":"2"}}""", "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("2", response.Json!["data"]!["b"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_Missing_Returns404()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PatchAsync(ConfigMaps + "/none", "{}", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("configmaps \"none\" not found", response.Message);
    }

    [Fact]
    public async Task DryRun_OnCreatePatchDelete_PersistsNothing()
    {
        await using var plane = await TestPlane.StartAsync();
        var dryCreate = await plane.PostAsync(ConfigMaps + "?dryRun=All", """{"metadata":{"name":"dry"},"data":{"a":"1"}}""");
        var afterCreate = await plane.GetAsync(ConfigMaps + "/dry");
        var created = await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"real"},"data":{"a":"1"}}""");

        var dryPatch = await plane.PatchAsync(ConfigMaps + "/real?dryRun=All", """{"data":{"a":"2"}}""", "application/merge-patch+json");
        var dryDelete = await plane.DeleteAsync(ConfigMaps + "/real", """{"dryRun":["All"]}""");
        var after = await plane.GetAsync(ConfigMaps + "/real");

        Assert.Equal(HttpStatusCode.Created, dryCreate.Status);
        Assert.Equal("dry", dryCreate.Json!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, afterCreate.Status);
        Assert.Equal("2", dryPatch.Json!["data"]!["a"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, dryDelete.Status);
        Assert.Equal("1", after.Json!["data"]!["a"]!.GetValue<string>());
        Assert.Equal(created["metadata"]!["resourceVersion"]!.GetValue<string>(), after.ResourceVersion);
    }

    [Fact]
    public async Task Create_YamlBody_IsAccepted()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync(ConfigMaps, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\ndata:\n  n: \"5\"\n", "application/yaml");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("5", response.Json!["data"]!["n"]!.GetValue<string>());
    }

    [Fact]
    public async Task ResourceVersions_AcrossWrites_IncreaseMonotonically()
    {
        await using var plane = await TestPlane.StartAsync();

        var a = await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"a"}}""");
        var b = await plane.CreateAsync(Secrets, """{"metadata":{"name":"b"}}""");
        var c = await plane.PatchAsync(ConfigMaps + "/a", """{"data":{"x":"y"}}""", "application/merge-patch+json");

        var versions = new[] { a, b, c.Json! }.Select(o => long.Parse(o["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(versions[0] < versions[1] && versions[1] < versions[2]);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/serviceaccounts", "ServiceAccount")]
    [InlineData("/api/v1/namespaces/default/events", "Event")]
    [InlineData("/apis/events.k8s.io/v1/namespaces/default/events", "Event")]
    [InlineData("/apis/coordination.k8s.io/v1/namespaces/default/leases", "Lease")]
    [InlineData("/apis/apps/v1/namespaces/default/statefulsets", "StatefulSet")]
    [InlineData("/apis/apps/v1/namespaces/default/daemonsets", "DaemonSet")]
    [InlineData("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations", "ValidatingWebhookConfiguration")]
    public async Task Create_BuiltInKinds_AreServed(string collection, string kind)
    {
        await using var plane = await TestPlane.StartAsync();

        var created = await plane.CreateAsync(collection, """{"metadata":{"name":"x1"}}""");
        var list = await plane.GetAsync(collection);

        Assert.Equal(kind, created["kind"]!.GetValue<string>());
        Assert.Equal(kind + "List", list.Json!["kind"]!.GetValue<string>());
        Assert.Single(list.Json!["items"]!.AsArray());
    }

    [Fact]
    public async Task StatusSubresource_BuiltIn_OnlyStatusChanges()
    {
        await using var plane = await TestPlane.StartAsync();
        const string path = "/apis/apps/v1/namespaces/default/deployments";
        await plane.CreateAsync(path, """{"metadata":{"name":"d"},"spec":{"replicas":1},"status":{"replicas":9}}""");

        var main = await plane.PatchAsync(path + "/d", """{"status":{"replicas":5}}""", "application/merge-patch+json");
        var status = await plane.PatchAsync(path + "/d/status", """{"spec":{"replicas":7},"status":{"replicas":3}}""", "application/merge-patch+json");

        Assert.Null(main.Json!["status"]);
        Assert.Equal(3, status.Json!["status"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, status.Json!["spec"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Update_ImmutableConfigMapData_Returns422()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, """{"metadata":{"name":"c"},"data":{"a":"1"},"immutable":true}""");

        var changed = await plane.PatchAsync(ConfigMaps + "/c", """{"data":{"a":"2"}}""", "application/merge-patch+json");
        var labelled = await plane.PatchAsync(ConfigMaps + "/c", """{"metadata":{"labels":{"x":"y"}}}""", "application/merge-patch+json");

        Assert.Equal((HttpStatusCode)422, changed.Status);
        Assert.Contains("data: Forbidden: field is immutable when `immutable` is set", changed.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, labelled.Status);
    }

    [Fact]
    public async Task Create_SecretWithInvalidBase64_Returns400()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync(Secrets, """{"metadata":{"name":"s"},"data":{"k":"not base64!"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Update_ConcurrentWritersWithSameResourceVersion_ExactlyOneWins()
    {
        await using var plane = await TestPlane.StartAsync();
        var created = await plane.CreateAsync("/apis/coordination.k8s.io/v1/namespaces/default/leases", """{"metadata":{"name":"leader"},"spec":{"holderIdentity":"none"}}""");
        var version = created["metadata"]!["resourceVersion"]!.GetValue<string>();

        var attempts = Enumerable.Range(0, 8).Select(i => plane.PutAsync(
            "/apis/coordination.k8s.io/v1/namespaces/default/leases/leader",
            "{\"metadata\":{\"name\":\"leader\",\"resourceVersion\":\"" + version + "\"},\"spec\":{\"holderIdentity\":\"node-" + i + "\"}}"));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(7, results.Count(r => r.Status == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Events_WrittenThroughEventsV1_AreReadableAsCoreEvents()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync("/apis/events.k8s.io/v1/namespaces/default/events",
            """{"metadata":{"name":"e1"},"eventTime":"2026-01-01T00:00:00.000000Z","reportingController":"keyoperator.io/operator","reportingInstance":"pod-1","action":"Rotate","reason":"Rotated","type":"Normal","note":"rotated key","regarding":{"kind":"ApiKey","name":"k","namespace":"default"}}""");

        var core = await plane.GetAsync("/api/v1/namespaces/default/events/e1");
        var coreList = await plane.GetAsync("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dk");
        var patched = await plane.PatchAsync("/api/v1/namespaces/default/events/e1", """{"message":"rotated again"}""", "application/merge-patch+json");
        var v1 = await plane.GetAsync("/apis/events.k8s.io/v1/namespaces/default/events/e1");

        Assert.Equal("v1", core.Json!["apiVersion"]!.GetValue<string>());
        Assert.Equal("rotated key", core.Json!["message"]!.GetValue<string>());
        Assert.Equal("k", core.Json!["involvedObject"]!["name"]!.GetValue<string>());
        Assert.Equal("keyoperator.io/operator", core.Json!["reportingComponent"]!.GetValue<string>());
        Assert.Single(coreList.Json!["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal("events.k8s.io/v1", v1.Json!["apiVersion"]!.GetValue<string>());
        Assert.Equal("rotated again", v1.Json!["note"]!.GetValue<string>());
        Assert.Null(v1.Json!["message"]);
    }
}
