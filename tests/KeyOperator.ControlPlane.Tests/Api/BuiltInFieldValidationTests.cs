// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;

namespace KeyOperator.ControlPlane.Tests.Api;

/// <summary>fieldValidation on built-in kinds: unknown top-level fields are dropped, and reported as asked.</summary>
public sealed class BuiltInFieldValidationTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string Body = """{"metadata":{"name":"c1"},"data":{"a":"b"},"extra":1}""";

    [Fact]
    public async Task Create_UnknownFieldStrict_Returns400StrictDecodingError()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync(ConfigMaps + "?fieldValidation=Strict", Body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"extra\"", response.Message);
    }

    [Theory]
    [InlineData("Warn", true)]
    [InlineData("Ignore", false)]
    public async Task Create_UnknownFieldWarnOrIgnore_PrunesAndWarnsOnlyForWarn(string mode, bool warns)
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync(ConfigMaps + "?fieldValidation=" + mode, Body);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Null(response.Json!["extra"]);
        Assert.Equal(warns, response.Warnings.Contains("299 - \"unknown field \\\"extra\\\"\""));
    }

    [Fact]
    public async Task Create_RoleUnknownTopLevelFieldStrict_Returns400StrictDecodingError()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync(
            "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles?fieldValidation=Strict",
            """{"metadata":{"name":"r1"},"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}],"subjects":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Role in version \"v1\" cannot be handled as a Role: strict decoding error: unknown field \"subjects\"", response.Message);
    }

    [Fact]
    public async Task Create_ServiceKnownFieldsStrict_KeepsSpecAndSetsStaticDefaults()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync(
            "/api/v1/namespaces/default/services?fieldValidation=Strict",
            """{"metadata":{"name":"s1"},"spec":{"selector":{"app":"a"},"ports":[{"port":443,"targetPort":9443}]}}""");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var spec = response.Json!["spec"]!;
        Assert.Equal(9443, (int)spec["ports"]![0]!["targetPort"]!);
        Assert.Equal("TCP", (string?)spec["ports"]![0]!["protocol"]);
        Assert.Equal("ClusterIP", (string?)spec["type"]);
        Assert.Equal("None", (string?)spec["sessionAffinity"]);
        Assert.Null(spec["clusterIP"]);
    }
}
