// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using KeyOperator.Cli;
using KeyOperator.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace KeyOperator.Tests.Install;

/// <summary>
/// The plain-manifest install (<c>kubectl apply -f config/manager/ -f config/crd/ -f config/rbac/ -f config/webhook/</c>)
/// holds together: only Kubernetes objects, and the names one object uses to reach another agree. The local control
/// plane does not serve RBAC, Services or PodDisruptionBudgets, so these are checked here rather than applied.
/// </summary>
public sealed class InstallManifestsTests
{
    private static readonly string[] Directories = ["manager", "crd", "rbac", "webhook"];

    private static readonly HashSet<string> KnownKinds =
    [
        "v1/Namespace", "v1/ServiceAccount", "v1/ConfigMap", "v1/Service", "apps/v1/Deployment", "policy/v1/PodDisruptionBudget",
        "apiextensions.k8s.io/v1/CustomResourceDefinition", "rbac.authorization.k8s.io/v1/ClusterRole",
        "rbac.authorization.k8s.io/v1/ClusterRoleBinding", "rbac.authorization.k8s.io/v1/Role", "rbac.authorization.k8s.io/v1/RoleBinding",
        "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration",
    ];

    [Fact]
    public void Manifests_EveryDocument_IsAKubernetesObjectWithAName()
    {
        foreach (YamlMappingNode document in Documents())
        {
            string kind = $"{Text(document, "apiVersion")}/{Text(document, "kind")}";
            Assert.True(KnownKinds.Contains(kind), $"{kind} is not an object kubectl can apply here");
            Assert.False(string.IsNullOrEmpty(Text(document, "metadata", "name")), kind + " without metadata.name");
        }
    }

    [Fact]
    public void Manifests_NamesBetweenObjects_Agree()
    {
        YamlMappingNode[] all = [.. Documents()];
        YamlMappingNode deployment = Single(all, "Deployment");
        YamlMappingNode service = Single(all, "Service");
        YamlMappingNode webhooks = Single(all, "ValidatingWebhookConfiguration");
        string ns = Text(Single(all, "Namespace"), "metadata", "name")!;
        YamlMappingNode pod = (YamlMappingNode)Node(deployment, "spec", "template")!;

        // Everything namespaced lives in the operator's namespace.
        Assert.All(all.Where(d => Node(d, "metadata", "namespace") is not null), d => Assert.Equal(ns, Text(d, "metadata", "namespace")));

        // The pods run as the ServiceAccount the bindings grant to.
        string serviceAccount = Text(pod, "spec", "serviceAccountName")!;
        Assert.Equal(serviceAccount, Text(Single(all, "ServiceAccount"), "metadata", "name"));
        foreach (YamlMappingNode binding in all.Where(d => Text(d, "kind") is "ClusterRoleBinding" or "RoleBinding"))
        {
            YamlMappingNode subject = (YamlMappingNode)((YamlSequenceNode)Node(binding, "subjects")!).Children[0];
            Assert.Equal((serviceAccount, ns), (Text(subject, "name"), Text(subject, "namespace")));
            string role = Text(binding, "roleRef", "name")!;
            Assert.Contains(all, d => Text(d, "kind") == Text(binding, "roleRef", "kind") && Text(d, "metadata", "name") == role);
        }

        // The webhook Service selects the pods and forwards to the container's webhook port; the webhooks call it.
        YamlMappingNode podLabels = (YamlMappingNode)Node(pod, "metadata", "labels")!;
        foreach ((YamlNode key, YamlNode value) in ((YamlMappingNode)Node(service, "spec", "selector")!).Children)
        {
            Assert.Equal(((YamlScalarNode)value).Value, Text(podLabels, ((YamlScalarNode)key).Value!));
        }

        Assert.Equal("9443", Text((YamlMappingNode)((YamlSequenceNode)Node(service, "spec", "ports")!).Children[0], "targetPort"));
        Assert.All(((YamlSequenceNode)Node(webhooks, "webhooks")!).Children.Cast<YamlMappingNode>(), w =>
        {
            Assert.Equal(Text(service, "metadata", "name"), Text(w, "clientConfig", "service", "name"));
            Assert.Equal(ns, Text(w, "clientConfig", "service", "namespace"));
        });

        // The policy file the operator is told to read is the ConfigMap mounted there.
        Assert.Contains(all, d => Text(d, "kind") == "ConfigMap" && Text(d, "metadata", "name") == "key-operator-policy");
    }

    [Fact]
    public void Deployment_ContainerArgs_AcceptedByRunCommand()
    {
        YamlMappingNode deployment = Single([.. Documents()], "Deployment");
        YamlMappingNode container = (YamlMappingNode)((YamlSequenceNode)Node(deployment, "spec", "template", "spec", "containers")!).Children[0];
        string[] args = [.. ((YamlSequenceNode)Node(container, "args")!).Children.Select(a => ((YamlScalarNode)a).Value!)];

        ParseResult result = new RootCommand { RunCommand.Create() }.Parse(args);

        Assert.Equal("run", args[0]);
        Assert.Empty(result.Errors.Select(e => e.Message));
    }

    private static IEnumerable<YamlMappingNode> Documents()
    {
        // kubectl apply -f DIR reads every .yaml, .yml and .json file, so every one must be a Kubernetes object.
        foreach (string file in Directories.SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "config", d))).Order(StringComparer.Ordinal))
        {
            YamlStream stream = [];
            using StreamReader reader = File.OpenText(file);
            stream.Load(reader);
            foreach (YamlDocument document in stream.Documents)
            {
                yield return (YamlMappingNode)document.RootNode;
            }
        }
    }

    private static YamlMappingNode Single(YamlMappingNode[] all, string kind) => Assert.Single(all, d => Text(d, "kind") == kind);

    private static YamlNode? Node(YamlMappingNode node, params string[] path)
    {
        YamlNode? current = node;
        foreach (string key in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out current))
            {
                return null;
            }
        }

        return current;
    }

    private static string? Text(YamlMappingNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;
}
