// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Webhooks;

namespace KeyOperator.ControlPlane.Tests.Webhooks;

public sealed class WebhookRuleTests
{
    [Theory]
    [InlineData("""{"operations":["CREATE"],"apiGroups":["keyoperator.io"],"apiVersions":["v1alpha1"],"resources":["apikeys"]}""", "CREATE", "", true)]
    [InlineData("""{"operations":["CREATE"],"apiGroups":["keyoperator.io"],"apiVersions":["v1alpha1"],"resources":["apikeys"]}""", "UPDATE", "", false)]
    [InlineData("""{"operations":["*"],"apiGroups":["keyoperator.io"],"apiVersions":["v1alpha1"],"resources":["apikeys"]}""", "DELETE", "", true)]
    [InlineData("""{"operations":["*"],"apiGroups":["keyoperator.io"],"apiVersions":["v1alpha1"],"resources":["apikeys"]}""", "UPDATE", "status", false)]
    [InlineData("""{"operations":["*"],"apiGroups":["keyoperator.io"],"apiVersions":["v1alpha1"],"resources":["apikeys/status"]}""", "UPDATE", "status", true)]
    [InlineData("""{"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*"]}""", "UPDATE", "status", false)]
    [InlineData("""{"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*/*"]}""", "UPDATE", "status", true)]
    [InlineData("""{"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*/status"]}""", "UPDATE", "", false)]
    [InlineData("""{"operations":["*"],"apiGroups":["other.io"],"apiVersions":["*"],"resources":["*"]}""", "CREATE", "", false)]
    [InlineData("""{"operations":["*"],"apiGroups":["*"],"apiVersions":["v1"],"resources":["*"]}""", "CREATE", "", false)]
    [InlineData("""{"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*"],"scope":"Cluster"}""", "CREATE", "", false)]
    [InlineData("""{"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*"],"scope":"Namespaced"}""", "CREATE", "", true)]
    public void Matches_NamespacedApiKeyRequest_FollowsUpstreamRules(string rule, string operation, string subresource, bool expected)
    {
        var parsed = WebhookRule.Parse(JsonNode.Parse(rule)!.AsObject());

        Assert.Equal(expected, parsed.Matches(operation, "keyoperator.io", "v1alpha1", "apikeys", subresource, namespaced: true));
    }

    [Theory]
    [InlineData("""{"matchLabels":{"env":"prod"}}""", """{"env":"prod"}""", true)]
    [InlineData("""{"matchLabels":{"env":"prod"}}""", """{"env":"dev"}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"NotIn","values":["dev"]}]}""", "{}", true)]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"Exists"}]}""", "{}", false)]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"DoesNotExist"}]}""", "{}", true)]
    [InlineData("{}", "{}", true)]
    public void MetaLabelSelector_Matches_EvaluatesLabelsAndExpressions(string selector, string labels, bool expected)
    {
        Assert.Equal(expected, MetaLabelSelector.Matches(JsonNode.Parse(selector)!.AsObject(), JsonNode.Parse(labels)!.AsObject()));
    }
}
