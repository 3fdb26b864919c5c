// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>
/// Writes whose outcome a real cluster's controllers would change underneath the test (the deployment controller owns
/// a Deployment's status), so they run on the local control plane, which has no controllers.
/// </summary>
[Collection(LocalControlPlaneCollection.Name)]
public sealed class LocalWriteVerbsTests(LocalControlPlaneFixture fixture)
{
    private readonly KubernetesClient _client = fixture.Client;

    [Fact]
    public async Task StatusSubresource_ReplacePatchApplyAndGet_OnlyTouchStatus()
    {
        string ns = await fixture.NewNamespaceAsync();
        var deployment = new Deployment
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = ns },
            Spec = new WorkloadSpec
            {
                Template = new PodTemplateSpec
                {
                    Metadata = new ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "web", ["image"] = "nginx" }) },
                },
                AdditionalProperties = new() { ["replicas"] = System.Text.Json.JsonDocument.Parse("2").RootElement.Clone() },
            },
        };
        Deployment created = await _client.CreateAsync(ResourceType.Deployments, deployment, KubernetesJsonContext.Default.Deployment);

        Deployment replaced = await _client.ReplaceStatusAsync(
            ResourceType.Deployments, created with { Status = new JsonObject { ["observedGeneration"] = 1 } }, KubernetesJsonContext.Default.Deployment);
        Deployment patched = await _client.PatchStatusAsync(
            ResourceType.Deployments, ns, "web", KubernetesPatch.Merge(new JsonObject { ["status"] = new JsonObject { ["readyReplicas"] = 2 } }),
            KubernetesJsonContext.Default.Deployment);
        JsonObject applied = await _client.ApplyStatusAsync(
            ResourceType.Deployments,
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = ns }, ["status"] = new JsonObject { ["availableReplicas"] = 2 } },
            KubernetesJsonContext.Default.JsonObject,
            new ApplyOptions { FieldManager = "status-writer", Force = true });
        Deployment read = await _client.GetStatusAsync(ResourceType.Deployments, ns, "web", KubernetesJsonContext.Default.Deployment);

        Assert.Equal(1, (int?)replaced.Status!["observedGeneration"]);
        Assert.Equal(2, (int?)patched.Status!["readyReplicas"]);
        Assert.Equal(2, (int?)applied["status"]!["availableReplicas"]);
        Assert.Equal(2, (int?)read.Status!["readyReplicas"]);
        Assert.Equal(2, read.Spec!.AdditionalProperties!["replicas"].GetInt32());
    }
}
