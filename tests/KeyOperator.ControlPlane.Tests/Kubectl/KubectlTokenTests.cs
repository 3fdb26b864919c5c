// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Tests.Kubectl;

/// <summary><c>kubectl create token</c> with the real kubectl, which sends the TokenRequest as protobuf.</summary>
public sealed class KubectlTokenTests
{
    [Fact]
    public async Task KubectlCreateToken_AudienceAndDuration_PrintsTokenTheServerAccepts()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        var ns = await kubectl.RunAsync("create", "namespace", "ns");
        var sa = await kubectl.RunAsync("create", "serviceaccount", "robot", "-n", "ns");

        var token = await kubectl.RunAsync("create", "token", "robot", "--audience", "vault", "--duration", "20m", "-n", "ns");

        Assert.True(ns.ExitCode == 0, ns.Stderr);
        Assert.True(sa.ExitCode == 0, sa.Stderr);
        Assert.True(token.ExitCode == 0, token.Stderr);
        var jwt = token.Stdout.Trim();
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1]))!;
        Assert.Equal("""["vault"]""", claims["aud"]!.ToJsonString());
        Assert.Equal(1200, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
        Assert.Equal("system:serviceaccount:ns:robot", claims["sub"]!.GetValue<string>());
        var review = plane.Plane.ReviewServiceAccountToken(jwt, ["vault"]);
        Assert.True(review.Authenticated, review.Error);
    }

    [Fact]
    public async Task KubectlCreateToken_MissingServiceAccount_NotFound()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);

        var result = await kubectl.RunAsync("create", "token", "ghost", "--audience", "vault");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("serviceaccounts \"ghost\" not found", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task KubectlApiResources_TokenReviews_ListedInAuthenticationGroup()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);

        var result = await kubectl.RunAsync("api-resources", "--api-group", "authentication.k8s.io");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Matches(@"(?m)^tokenreviews\s+authentication\.k8s\.io/v1\s+false\s+TokenReview$", result.Stdout);
    }
}
