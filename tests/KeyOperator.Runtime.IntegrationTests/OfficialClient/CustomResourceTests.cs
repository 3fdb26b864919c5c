// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;
using KeyOperator.Testing;

namespace KeyOperator.Runtime.IntegrationTests.OfficialClient;

/// <summary>
/// A CRD with a status subresource, served to the library's CustomObjects operations (ported from
/// KeyOperator.Kubernetes.Tests): writes to the main resource ignore status, status writes touch only status.
/// </summary>
[Trait("Cluster", "Any")]
public sealed class CustomResourceTests
{
    private const string Plural = "widgets";
    private const string Version = "v1";

    [Fact]
    public async Task CustomObjectStatus_ReplaceAndPatch_OnlyTouchStatus()
    {
        await using var cluster = await TestCluster.StartAsync();
        var group = await EnsureCrdAsync(cluster);
        var ns = cluster.Namespace;
        var objects = cluster.Client.CustomObjects;

        var created = Parse(await objects.CreateNamespacedCustomObjectAsync(Widget(group, "w1", 3, "Ignored"), group, Version, ns, Plural));
        var read = Parse(await objects.GetNamespacedCustomObjectAsync(group, Version, ns, Plural, "w1"));
        read["status"] = JsonSerializer.SerializeToElement(new { phase = "Ready" });
        read["spec"] = JsonSerializer.SerializeToElement(new { size = 99 });
        var replaced = Parse(await objects.ReplaceNamespacedCustomObjectStatusAsync(read, group, Version, ns, Plural, "w1"));
        var patched = Parse(await objects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status":{"phase":"Degraded"}}""", V1Patch.PatchType.MergePatch), group, Version, ns, Plural, "w1"));
        var final = Parse(await objects.GetNamespacedCustomObjectAsync(group, Version, ns, Plural, "w1"));

        Assert.False(created.ContainsKey("status"), "a create ignores .status when status is a subresource");
        Assert.Equal("Ready", replaced["status"].GetProperty("phase").GetString());
        Assert.Equal(3, replaced["spec"].GetProperty("size").GetInt32());
        Assert.Equal("Degraded", patched["status"].GetProperty("phase").GetString());
        Assert.Equal(3, final["spec"].GetProperty("size").GetInt32());
        Assert.Equal("Degraded", final["status"].GetProperty("phase").GetString());
        Assert.Equal(Generation(created), Generation(final));
    }

    [Fact]
    public async Task CustomObject_Missing_NotFoundWithPluralGroupInMessage()
    {
        await using var cluster = await TestCluster.StartAsync();
        var group = await EnsureCrdAsync(cluster);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.CustomObjects.GetNamespacedCustomObjectAsync(group, Version, cluster.Namespace, Plural, "nope"));

        Assert.True(KubernetesErrors.IsNotFound(ex), ex.ToString());
        Assert.Equal($"{Plural}.{group} \"nope\" not found", KubernetesErrors.Message(ex));
    }

    private static long Generation(Dictionary<string, JsonElement> obj) => obj["metadata"].GetProperty("generation").GetInt64();

    private static Dictionary<string, JsonElement> Parse(object body) =>
        ((JsonElement)body).Deserialize<Dictionary<string, JsonElement>>()!;

    private static Dictionary<string, object> Widget(string group, string name, int size, string phase) => new()
    {
        ["apiVersion"] = $"{group}/{Version}",
        ["kind"] = "Widget",
        ["metadata"] = new Dictionary<string, object> { ["name"] = name },
        ["spec"] = new Dictionary<string, object> { ["size"] = size },
        ["status"] = new Dictionary<string, object> { ["phase"] = phase },
    };

    /// <summary>A group of its own on a long-lived cluster, so no earlier run's definition is in the way.</summary>
    private static async Task<string> EnsureCrdAsync(TestCluster cluster)
    {
        var group = cluster.IsLocal ? "test.keyoperator.io" : ExternalCluster.UniqueName("test") + ".keyoperator.io";
        var name = $"{Plural}.{group}";
        var crd = new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = Plural, Singular = "widget", Kind = "Widget", ListKind = "WidgetList" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = Version,
                        Served = true,
                        Storage = true,
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps
                            {
                                Type = "object",
                                Properties = new Dictionary<string, V1JSONSchemaProps>
                                {
                                    ["spec"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["size"] = new() { Type = "integer" } } },
                                    ["status"] = new() { Type = "object", Properties = new Dictionary<string, V1JSONSchemaProps> { ["phase"] = new() { Type = "string" } } },
                                },
                            },
                        },
                    },
                ],
            },
        };
        await cluster.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        if (!cluster.IsLocal)
        {
            cluster.DeleteAtDispose(name);
        }

        // A real API server establishes a new definition asynchronously and serves it a moment later; the local
        // control plane does both before it answers the create.
        await Eventually.TrueAsync(
            async () =>
            {
                var current = await cluster.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(name);
                if (current.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") != true)
                {
                    return false;
                }

                try
                {
                    await cluster.Client.CustomObjects.ListNamespacedCustomObjectAsync(group, Version, cluster.Namespace, Plural);
                    return true;
                }
                catch (k8s.Autorest.HttpOperationException ex) when (KubernetesErrors.IsNotFound(ex))
                {
                    return false;
                }
            },
            "the CRD is established and served");
        return group;
    }
}
