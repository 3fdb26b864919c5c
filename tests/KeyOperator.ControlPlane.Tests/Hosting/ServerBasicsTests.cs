// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;

namespace KeyOperator.ControlPlane.Tests.Hosting;

public sealed class ServerBasicsTests
{
    [Fact]
    public async Task Version_WithToken_ReportsKubernetes132()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.GetAsync("/version");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("1", response.Json!["major"]!.GetValue<string>());
        Assert.Equal("32", response.Json!["minor"]!.GetValue<string>());
        Assert.Equal("v1.32.4", response.Json!["gitVersion"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong")]
    [InlineData("Basic Zm9vOmJhcg==")]
    public async Task AnyResource_WithoutValidToken_Returns401Unauthorized(string? authorization)
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = plane.Plane.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = authorization is null ? null : System.Net.Http.Headers.AuthenticationHeaderValue.Parse(authorization);

        using var response = await client.GetAsync("/api/v1/namespaces");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", body["reason"]!.GetValue<string>());
        Assert.Equal("Status", body["kind"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/livez")]
    public async Task HealthEndpoints_Always_AnswerOk(string path)
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("ok", response.Text);
    }

    [Fact]
    public async Task StartAsync_Always_SeedsDefaultAndKubeSystemNamespaces()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.GetAsync("/api/v1/namespaces/default");
        var system = await plane.GetAsync("/api/v1/namespaces/kube-system");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Active", response.Json!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("default", response.Json!["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, system.Status);
    }

    [Fact]
    public async Task KubeconfigYaml_Always_NamesContextServerTokenAndCa()
    {
        await using var plane = await TestPlane.StartAsync();
        var kubeconfig = plane.Plane.KubeconfigYaml;

        Assert.Contains("current-context: keyop-local", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("server: " + plane.Plane.BaseAddress.GetLeftPart(UriPartial.Authority), kubeconfig, StringComparison.Ordinal);
        Assert.Contains("token: " + plane.Plane.Token, kubeconfig, StringComparison.Ordinal);
        Assert.Contains("BEGIN CERTIFICATE", plane.Plane.CaCertificatePem, StringComparison.Ordinal);
        Assert.StartsWith("https://127.0.0.1:", plane.Plane.BaseAddress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Always_Returns404Status()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.GetAsync("/apis/nope.example.com/v1/things");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NotFound", response.Reason);
    }
}
