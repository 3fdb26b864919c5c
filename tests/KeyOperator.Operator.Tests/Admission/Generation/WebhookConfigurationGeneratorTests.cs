// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Operator.Admission.Generation;
using YamlDotNet.RepresentationModel;

namespace KeyOperator.Operator.Tests.Admission.Generation;

public sealed class WebhookConfigurationGeneratorTests
{
    private const string CommittedPath = "config/webhook/validating-webhook-configuration.yaml";

    [Fact]
    public void Generate_Defaults_EqualsCommittedManifest()
    {
        string generated = WebhookConfigurationGenerator.Generate(new WebhookConfigurationOptions());
        string path = Path.Combine(Repository.Root(), CommittedPath);

        // Set KEYOP_UPDATE_GOLDEN=1 to rewrite the committed file after a deliberate change.
        if (Environment.GetEnvironmentVariable("KEYOP_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.Equal(File.ReadAllText(path), generated);
    }

    [Fact]
    public void Generate_Defaults_CoversOnlyOwnKindsFailClosed()
    {
        YamlMappingNode root = Load(WebhookConfigurationGenerator.Generate(new WebhookConfigurationOptions()));

        var webhooks = (YamlSequenceNode)root["webhooks"];
        Assert.Equal(4, webhooks.Children.Count);
        var resources = new List<string>();
        foreach (YamlMappingNode webhook in webhooks.Children.Cast<YamlMappingNode>())
        {
            Assert.Equal("Fail", Scalar(webhook["failurePolicy"]));
            Assert.Equal("None", Scalar(webhook["sideEffects"]));
            Assert.Equal("5", Scalar(webhook["timeoutSeconds"]));
            Assert.Equal("Equivalent", Scalar(webhook["matchPolicy"]));
            Assert.Equal(["v1"], Scalars(webhook["admissionReviewVersions"]));
            var rule = (YamlMappingNode)((YamlSequenceNode)webhook["rules"]).Children.Single();
            Assert.Equal(["keyoperator.io"], Scalars(rule["apiGroups"]));
            Assert.Equal(["CREATE", "UPDATE"], Scalars(rule["operations"]));
            resources.AddRange(Scalars(rule["resources"]));
            var expression = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)webhook["namespaceSelector"])["matchExpressions"]).Children.Single();
            Assert.Equal("kubernetes.io/metadata.name", Scalar(expression["key"]));
            Assert.Equal("NotIn", Scalar(expression["operator"]));
            Assert.Equal(["kube-system", "key-operator"], Scalars(expression["values"]));
            var service = (YamlMappingNode)((YamlMappingNode)webhook["clientConfig"])["service"];
            Assert.StartsWith("/validate/keyoperator.io/v1alpha1/", Scalar(service["path"]), StringComparison.Ordinal);
        }

        Assert.Equal(["apikeys", "rotationpolicies", "externalcredentials", "webhookendpoints"], resources);
        Assert.DoesNotContain("*", resources);
        Assert.DoesNotContain("secrets", resources);
    }

    [Fact]
    public void Generate_WithCaBundleAndNamespace_EmbedsBase64AndExcludesNamespace()
    {
        string yaml = WebhookConfigurationGenerator.Generate(new WebhookConfigurationOptions { Namespace = "ops", CaBundlePem = "PEM" });
        YamlMappingNode webhook = (YamlMappingNode)((YamlSequenceNode)Load(yaml)["webhooks"]).Children[0];

        Assert.Equal(Convert.ToBase64String(Encoding.ASCII.GetBytes("PEM")), Scalar(((YamlMappingNode)webhook["clientConfig"])["caBundle"]));
        Assert.Contains("values: [\"kube-system\", \"ops\"]", yaml, StringComparison.Ordinal);
    }

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static string[] Scalars(YamlNode node) => [.. ((YamlSequenceNode)node).Children.Select(Scalar)];
}
