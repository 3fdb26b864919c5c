// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;

namespace KeyOperator.ControlPlane.Tests.Crds;

public sealed class CrdTests
{
    private static readonly string FixtureDirectory = SharedFixtures.ThirdPartyCrds;

    [Fact]
    public async Task CreateCrd_Valid_IsEstablishedAndServedImmediately()
    {
        await using var plane = await TestPlane.StartAsync();

        var crd = await plane.CreateAsync(WidgetCrd.Path, WidgetCrd.Json);
        var list = await plane.GetAsync(WidgetCrd.Widgets);
        var v2 = await plane.GetAsync("/apis/example.com/v2/namespaces/default/widgets");
        var discovery = await plane.GetAsync("/apis/example.com/v1");

        var conditions = crd["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True");
        Assert.Contains(conditions, c => c!["type"]!.GetValue<string>() == "NamesAccepted" && c["status"]!.GetValue<string>() == "True");
        Assert.Equal("WidgetList", crd["status"]!["acceptedNames"]!["listKind"]!.GetValue<string>());
        Assert.Equal("v1", crd["status"]!["storedVersions"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("WidgetList", list.Json!["kind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, v2.Status);
        Assert.Contains("\"widgets\"", discovery.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCrd_NameNotPluralDotGroup_Returns422()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync(WidgetCrd.Path, WidgetCrd.Json.Replace("\"name\":\"widgets.example.com\"", "\"name\":\"gadgets.example.com\"", StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode)422, response.Status);
        Assert.Equal("CustomResourceDefinition.apiextensions.k8s.io \"gadgets.example.com\" is invalid: metadata.name: Invalid value: \"gadgets.example.com\": must be spec.names.plural+\".\"+spec.group", response.Message);
    }

    [Theory]
    [InlineData("cert-manager.io_certificates.yaml", "/apis/cert-manager.io/v1/namespaces/default/certificates",
        """{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"c1"},"spec":{"secretName":"tls","issuerRef":{"name":"ca"},"dnsNames":["a.example.com"]}}""",
        """{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"c2"},"spec":{"issuerRef":{"name":"ca"}}}""",
        "spec.secretName: Required value")]
    [InlineData("generators.external-secrets.io_passwords.yaml", "/apis/generators.external-secrets.io/v1alpha1/namespaces/default/passwords",
        """{"apiVersion":"generators.external-secrets.io/v1alpha1","kind":"Password","metadata":{"name":"p1"},"spec":{}}""",
        """{"apiVersion":"generators.external-secrets.io/v1alpha1","kind":"Password","metadata":{"name":"p2"},"spec":{"encoding":"rot13"}}""",
        "spec.encoding: Unsupported value: \"rot13\": supported values: \"base64\", \"base64url\", \"base32\", \"hex\", \"raw\"")]
    [InlineData("external-secrets.io_externalsecrets.yaml", "/apis/external-secrets.io/v1/namespaces/default/externalsecrets",
        """{"apiVersion":"external-secrets.io/v1","kind":"ExternalSecret","metadata":{"name":"e1"},"spec":{"secretStoreRef":{"name":"store"},"target":{"name":"t"}}}""",
        """{"apiVersion":"external-secrets.io/v1","kind":"ExternalSecret","metadata":{"name":"e2"},"spec":{"refreshInterval":5}}""",
        "spec.refreshInterval: Invalid value: \"integer\": spec.refreshInterval in body must be of type string: \"integer\"")]
    public async Task FixtureCrd_InstalledFromYaml_ValidatesObjects(string file, string collection, string valid, string invalid, string expected)
    {
        await using var plane = await TestPlane.StartAsync();

        var install = await plane.PostAsync(WidgetCrd.Path, await File.ReadAllTextAsync(Path.Combine(FixtureDirectory, file)), "application/yaml");
        var good = await plane.PostAsync(collection, valid);
        var bad = await plane.PostAsync(collection, invalid);

        Assert.True(install.Status == HttpStatusCode.Created, install.Text);
        Assert.True(good.Status == HttpStatusCode.Created, good.Text);
        Assert.Equal((HttpStatusCode)422, bad.Status);
        Assert.Contains(expected, bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixtureCrd_Password_AppliesSchemaDefaults()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.PostAsync(WidgetCrd.Path, await File.ReadAllTextAsync(Path.Combine(FixtureDirectory, "generators.external-secrets.io_passwords.yaml")), "application/yaml");

        var created = await plane.CreateAsync("/apis/generators.external-secrets.io/v1alpha1/namespaces/default/passwords", """{"apiVersion":"generators.external-secrets.io/v1alpha1","kind":"Password","metadata":{"name":"p"},"spec":{}}""");

        Assert.Equal(24, created["spec"]!["length"]!.GetValue<int>());
        Assert.Equal("raw", created["spec"]!["encoding"]!.GetValue<string>());
        Assert.False(created["spec"]!["allowRepeat"]!.GetValue<bool>());
    }

    [Fact]
    public async Task FixtureCrd_UnservedVersion_IsNotServed()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.PostAsync(WidgetCrd.Path, await File.ReadAllTextAsync(Path.Combine(FixtureDirectory, "external-secrets.io_externalsecrets.yaml")), "application/yaml");

        var served = await plane.GetAsync("/apis/external-secrets.io/v1/namespaces/default/externalsecrets");
        var unserved = await plane.GetAsync("/apis/external-secrets.io/v1beta1/namespaces/default/externalsecrets");

        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(HttpStatusCode.NotFound, unserved.Status);
    }

    [Theory]
    [InlineData("""{}""", "spec.size", "FieldValueRequired", "Required value")]
    [InlineData("""{"size":"XL"}""", "spec.size", "FieldValueNotSupported", "Unsupported value: \"XL\": supported values: \"S\", \"M\", \"L\"")]
    [InlineData("""{"size":"S","replicas":0}""", "spec.replicas", "FieldValueInvalid", "Invalid value: 0: spec.replicas in body should be greater than or equal to 1")]
    [InlineData("""{"size":"S","replicas":11}""", "spec.replicas", "FieldValueInvalid", "Invalid value: 11: spec.replicas in body should be less than or equal to 10")]
    [InlineData("""{"size":"S","ratio":0}""", "spec.ratio", "FieldValueInvalid", "Invalid value: 0: spec.ratio in body should be greater than 0")]
    [InlineData("""{"size":"S","replicas":"two"}""", "spec.replicas", "FieldValueTypeInvalid", "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"")]
    [InlineData("""{"size":"S","color":"RED"}""", "spec.color", "FieldValueInvalid", "Invalid value: \"RED\": spec.color in body should match '^[a-z]+$'")]
    [InlineData("""{"size":"S","color":"re"}""", "spec.color", "FieldValueInvalid", "Invalid value: \"re\": spec.color in body should be at least 3 chars long")]
    [InlineData("""{"size":"S","color":"verylongcolor"}""", "spec.color", "FieldValueTooLong", "Too long: may not be more than 8 bytes")]
    [InlineData("""{"size":"S","tags":[]}""", "spec.tags", "FieldValueInvalid", "spec.tags in body should have at least 1 items")]
    [InlineData("""{"size":"S","tags":["a","b","c","d"]}""", "spec.tags", "FieldValueTooMany", "Too many: 4: must have at most 3 items")]
    [InlineData("""{"size":"S","tags":["a","a"]}""", "spec.tags[1]", "FieldValueDuplicate", "Duplicate value: \"a\"")]
    [InlineData("""{"size":"S","labels":{"a":1}}""", "spec.labels.a", "FieldValueTypeInvalid", "spec.labels.a in body must be of type string")]
    [InlineData("""{"size":"S","port":true}""", "spec.port", "FieldValueTypeInvalid", "must be of type integer,string")]
    [InlineData("""{"size":"S","ports":[{"port":1}]}""", "spec.ports[0].name", "FieldValueRequired", "Required value")]
    public async Task CreateWidget_SchemaViolation_Returns422WithCause(string spec, string field, string reason, string message)
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);

        var response = await plane.PostAsync(WidgetCrd.Widgets, WidgetCrd.Widget("w", spec));

        Assert.Equal((HttpStatusCode)422, response.Status);
        Assert.Equal("Invalid", response.Reason);
        Assert.StartsWith("Widget.example.com \"w\" is invalid: ", response.Message, StringComparison.Ordinal);
        var cause = response.Json!["details"]!["causes"]![0]!;
        Assert.Equal(field, cause["field"]!.GetValue<string>());
        Assert.Equal(reason, cause["reason"]!.GetValue<string>());
        Assert.Contains(message, cause["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Widget", response.Json!["details"]!["kind"]!.GetValue<string>());
        Assert.Equal("example.com", response.Json!["details"]!["group"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateWidget_TwoViolations_ListsBothInMessage()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);

        var response = await plane.PostAsync(WidgetCrd.Widgets, WidgetCrd.Widget("w", """{"size":"XL","replicas":0}"""));

        Assert.Equal(2, response.Json!["details"]!["causes"]!.AsArray().Count);
        Assert.StartsWith("Widget.example.com \"w\" is invalid: [spec.", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWidget_Valid_DefaultsAndKeepsAcceptedShapes()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);

        var created = await plane.CreateAsync(WidgetCrd.Widgets, WidgetCrd.Widget("w", """{"size":"S","port":"http","note":null,"extra":{"any":{"thing":1}},"labels":{"a":"b"}}"""));

        Assert.Equal("blue", created["spec"]!["color"]!.GetValue<string>());
        Assert.Equal("http", created["spec"]!["port"]!.GetValue<string>());
        Assert.Equal(1, created["spec"]!["extra"]!["any"]!["thing"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateWidget_UnknownField_PrunedWarnedOrRejected()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);
        const string spec = """{"size":"S","foo":1}""";

        var strict = await plane.PostAsync(WidgetCrd.Widgets + "?fieldValidation=Strict", WidgetCrd.Widget("a", spec));
        var warn = await plane.PostAsync(WidgetCrd.Widgets + "?fieldValidation=Warn", WidgetCrd.Widget("b", spec));
        var ignore = await plane.PostAsync(WidgetCrd.Widgets + "?fieldValidation=Ignore", WidgetCrd.Widget("c", spec));

        Assert.Equal(HttpStatusCode.BadRequest, strict.Status);
        Assert.Equal("Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.foo\"", strict.Message);
        Assert.Equal(HttpStatusCode.Created, warn.Status);
        Assert.Contains("299 - \"unknown field \\\"spec.foo\\\"\"", warn.Warnings);
        Assert.Null(warn.Json!["spec"]!["foo"]);
        Assert.Equal(HttpStatusCode.Created, ignore.Status);
        Assert.Empty(ignore.Warnings);
        Assert.Null(ignore.Json!["spec"]!["foo"]);
    }

    [Fact]
    public async Task Widget_StatusSubresource_SeparatesSpecAndStatusWrites()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);
        await plane.CreateAsync(WidgetCrd.Widgets, WidgetCrd.Widget("w", """{"size":"S"}"""));

        var main = await plane.PatchAsync(WidgetCrd.Widgets + "/w", """{"spec":{"size":"M"},"status":{"phase":"Ignored"}}""", "application/merge-patch+json");
        var status = await plane.PatchAsync(WidgetCrd.Widgets + "/w/status", """{"spec":{"size":"L"},"status":{"phase":"Ready"}}""", "application/merge-patch+json");
        var getStatus = await plane.GetAsync(WidgetCrd.Widgets + "/w/status");

        Assert.Null(main.Json!["status"]);
        Assert.Equal(2, main.Json!["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal("Ready", status.Json!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("M", status.Json!["spec"]!["size"]!.GetValue<string>());
        Assert.Equal(2, status.Json!["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal("Ready", getStatus.Json!["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task Widget_StrategicMergePatch_Returns415()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);
        await plane.CreateAsync(WidgetCrd.Widgets, WidgetCrd.Widget("w", """{"size":"S"}"""));

        var response = await plane.PatchAsync(WidgetCrd.Widgets + "/w", """{"spec":{"size":"M"}}""", "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal("UnsupportedMediaType", response.Reason);
        Assert.Equal("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml", response.Message);
    }

    [Fact]
    public async Task Widget_NotFound_UsesGroupQualifiedMessage()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);

        var response = await plane.GetAsync(WidgetCrd.Widgets + "/w1");

        Assert.Equal("widgets.example.com \"w1\" not found", response.Message);
        Assert.Equal("example.com", response.Json!["details"]!["group"]!.GetValue<string>());
        Assert.Equal("widgets", response.Json!["details"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task DeleteCrd_WithObjects_RemovesObjectsAndUnserves()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);
        await plane.CreateAsync(WidgetCrd.Widgets, WidgetCrd.Widget("w", """{"size":"S"}"""));
        var list = await plane.GetAsync(WidgetCrd.Widgets);
        await using var watch = await WatchStream.OpenAsync(plane, WidgetCrd.Widgets + "?watch=true&resourceVersion=" + list.ResourceVersion);

        var deleted = await plane.DeleteAsync(WidgetCrd.Path + "/widgets.example.com");
        var removed = await watch.NextChangeAsync();
        var crd = await plane.GetAsync(WidgetCrd.Path + "/widgets.example.com");
        var widgets = await plane.GetAsync(WidgetCrd.Widgets);

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("DELETED", removed!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, crd.Status);
        Assert.Equal(HttpStatusCode.NotFound, widgets.Status);
    }

    [Fact]
    public async Task UpdateCrd_AddsVersion_ServesIt()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);

        var patched = await plane.PatchAsync(WidgetCrd.Path + "/widgets.example.com",
            """{"spec":{"versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},{"name":"v3","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}""",
            "application/merge-patch+json");
        var v3 = await plane.GetAsync("/apis/example.com/v3/namespaces/default/widgets");
        var v2 = await plane.GetAsync("/apis/example.com/v2/namespaces/default/widgets");

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(HttpStatusCode.OK, v3.Status);
        Assert.Equal(HttpStatusCode.NotFound, v2.Status);
    }

    [Fact]
    public async Task UpdateWidget_WithoutResourceVersion_Returns422()
    {
        await using var plane = await TestPlane.StartAsync();
        await WidgetCrd.InstallAsync(plane);
        await plane.CreateAsync(WidgetCrd.Widgets, WidgetCrd.Widget("w", """{"size":"S"}"""));

        var response = await plane.PutAsync(WidgetCrd.Widgets + "/w", WidgetCrd.Widget("w", """{"size":"M"}"""));

        Assert.Equal((HttpStatusCode)422, response.Status);
        Assert.Contains("metadata.resourceVersion: Invalid value: \"\": must be specified for an update", response.Message, StringComparison.Ordinal);
    }
}
