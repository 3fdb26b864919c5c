// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Tests.Client;

public sealed class ResourcePathTests
{
    private static readonly ResourceType ApiKeys = new() { Group = "keyoperator.io", Version = "v1alpha1", Plural = "apikeys", Kind = "ApiKey", Namespaced = true };

    [Theory]
    [InlineData("secrets", "ns", "s", null, "/api/v1/namespaces/ns/secrets/s")]
    [InlineData("secrets", null, null, null, "/api/v1/secrets")]
    [InlineData("namespaces", "ignored", "kube-system", null, "/api/v1/namespaces/kube-system")]
    [InlineData("apikeys", "team-a", "key", "status", "/apis/keyoperator.io/v1alpha1/namespaces/team-a/apikeys/key/status")]
    [InlineData("apikeys", "team a", "k/1", null, "/apis/keyoperator.io/v1alpha1/namespaces/team%20a/apikeys/k%2F1")]
    public void Build_Scope_MatchesApiServerLayout(string plural, string? ns, string? name, string? subresource, string expected)
    {
        ResourceType type = plural switch
        {
            "secrets" => ResourceType.Secrets,
            "namespaces" => ResourceType.Namespaces,
            _ => ApiKeys,
        };

        Assert.Equal(expected, ResourcePath.Build(type, ns, name, subresource));
    }

    [Fact]
    public void Build_Query_SortedEscapedAndNullsDropped()
    {
        string path = ResourcePath.Build(ResourceType.Secrets, "ns", null, null,
        [
            new("watch", "true"),
            new("labelSelector", "app in (a,b),tier!=db"),
            new("fieldSelector", null),
            new("allowWatchBookmarks", "true"),
        ]);

        Assert.Equal("/api/v1/namespaces/ns/secrets?allowWatchBookmarks=true&labelSelector=app%20in%20%28a%2Cb%29%2Ctier%21%3Ddb&watch=true", path);
    }

    [Fact]
    public void ApiVersionAndToString_CoreAndGroup()
    {
        Assert.Equal("v1", ResourceType.Secrets.ApiVersion);
        Assert.Equal("keyoperator.io/v1alpha1", ApiKeys.ApiVersion);
        Assert.Equal("secrets", ResourceType.Secrets.ToString());
        Assert.Equal("apikeys.keyoperator.io", ApiKeys.ToString());
    }
}
