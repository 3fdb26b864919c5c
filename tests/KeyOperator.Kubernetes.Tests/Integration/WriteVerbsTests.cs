// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Tests.Integration;

[Collection(ControlPlaneCollection.Name)]
[Trait("Cluster", "Any")]
public sealed class WriteVerbsTests(ControlPlaneFixture fixture)
{
    private readonly KubernetesClient _client = fixture.Client;

    [Fact]
    public async Task CreateAsync_Existing_ThrowsAlreadyExists()
    {
        string ns = await fixture.NewNamespaceAsync();
        await CreateMapAsync(ns, "dup");

        var ex = await Assert.ThrowsAsync<AlreadyExistsException>(() => CreateMapAsync(ns, "dup"));

        Assert.Equal(409, ex.StatusCode);
    }

    [Fact]
    public async Task CreateAsync_InvalidName_ThrowsInvalidWithFieldCause()
    {
        string ns = await fixture.NewNamespaceAsync();

        var ex = await Assert.ThrowsAsync<InvalidException>(() => CreateMapAsync(ns, "Not_A_DNS_Name"));

        Assert.Equal(422, ex.StatusCode);
        Assert.Contains(ex.Causes, c => c.Field == "metadata.name");
    }

    [Fact]
    public async Task CreateAsync_DryRun_PersistsNothing()
    {
        string ns = await fixture.NewNamespaceAsync();

        ConfigMap returned = await _client.CreateAsync(
            ResourceType.ConfigMaps, Map(ns, "dry"), KubernetesJsonContext.Default.ConfigMap, new WriteOptions { DryRun = true });

        Assert.Equal("dry", returned.Metadata.Name);
        await Assert.ThrowsAsync<NotFoundException>(() => _client.GetAsync(ResourceType.ConfigMaps, ns, "dry", KubernetesJsonContext.Default.ConfigMap));
    }

    [Fact]
    public async Task CreateAsync_GenerateName_ServerPicksName()
    {
        string ns = await fixture.NewNamespaceAsync();

        ConfigMap created = await _client.CreateAsync(
            ResourceType.ConfigMaps, new ConfigMap { Metadata = new ObjectMeta { GenerateName = "gen-", Namespace = ns } }, KubernetesJsonContext.Default.ConfigMap);

        Assert.StartsWith("gen-", created.Metadata.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceAsync_CurrentVersion_SucceedsAndStaleVersionConflicts()
    {
        string ns = await fixture.NewNamespaceAsync();
        ConfigMap created = await CreateMapAsync(ns, "cas");

        ConfigMap updated = await _client.ReplaceAsync(
            ResourceType.ConfigMaps, created with { Data = new Dictionary<string, string> { ["k"] = "v2" } }, KubernetesJsonContext.Default.ConfigMap);
        var ex = await Assert.ThrowsAsync<ConflictException>(() => _client.ReplaceAsync(
            ResourceType.ConfigMaps, created with { Data = new Dictionary<string, string> { ["k"] = "v3" } }, KubernetesJsonContext.Default.ConfigMap));

        Assert.Equal("v2", updated.Data!["k"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);
        Assert.Equal("Conflict", ex.Reason);
    }

    [Fact]
    public async Task PatchAsync_MergePatch_AddsAndRemovesKeys()
    {
        string ns = await fixture.NewNamespaceAsync();
        await CreateMapAsync(ns, "merge");

        ConfigMap patched = await _client.PatchAsync(
            ResourceType.ConfigMaps, ns, "merge",
            KubernetesPatch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["x"] = "y" } }, ["data"] = new JsonObject { ["k"] = null, ["n"] = "new" } }),
            KubernetesJsonContext.Default.ConfigMap);

        Assert.Equal("y", patched.Metadata.Labels!["x"]);
        Assert.Equal(new Dictionary<string, string> { ["n"] = "new" }, patched.Data);
    }

    [Fact]
    public async Task PatchAsync_JsonPatchWithVersionTest_AppliesOrFails()
    {
        string ns = await fixture.NewNamespaceAsync();
        ConfigMap created = await CreateMapAsync(ns, "jsonpatch");
        JsonArray Ops(string rv) =>
        [
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = rv },
            new JsonObject { ["op"] = "replace", ["path"] = "/data/k", ["value"] = "patched" },
        ];

        ConfigMap patched = await _client.PatchAsync(
            ResourceType.ConfigMaps, ns, "jsonpatch", KubernetesPatch.Json(Ops(created.Metadata.ResourceVersion!)), KubernetesJsonContext.Default.ConfigMap);
        await Assert.ThrowsAnyAsync<KubernetesApiException>(() => _client.PatchAsync(
            ResourceType.ConfigMaps, ns, "jsonpatch", KubernetesPatch.Json(Ops(created.Metadata.ResourceVersion!)), KubernetesJsonContext.Default.ConfigMap));

        Assert.Equal("patched", patched.Data!["k"]);
    }

    [Fact]
    public async Task ApplyAsync_TwoManagers_ConflictUnlessForced()
    {
        string ns = await fixture.NewNamespaceAsync();
        JsonObject Body(string value) => new()
        {
            ["metadata"] = new JsonObject { ["name"] = "ssa", ["namespace"] = ns },
            ["data"] = new JsonObject { ["k"] = value },
        };

        JsonObject created = await _client.ApplyObjectAsync(ResourceType.ConfigMaps, Body("one"), new ApplyOptions { FieldManager = "first" });
        var ex = await Assert.ThrowsAsync<ConflictException>(() => _client.ApplyObjectAsync(ResourceType.ConfigMaps, Body("two"), new ApplyOptions { FieldManager = "second" }));
        JsonObject forced = await _client.ApplyObjectAsync(ResourceType.ConfigMaps, Body("two"), new ApplyOptions { FieldManager = "second", Force = true });

        Assert.Equal("one", (string?)created["data"]!["k"]);
        Assert.NotEmpty(ex.Status.Details?.Causes ?? []);
        Assert.Equal("two", (string?)forced["data"]!["k"]);
    }

    [Fact]
    public async Task ApplyAsync_TypedObjectWithManagedFields_IsAccepted()
    {
        string ns = await fixture.NewNamespaceAsync();
        ConfigMap created = await CreateMapAsync(ns, "typed-ssa");

        ConfigMap applied = await _client.ApplyAsync(
            ResourceType.ConfigMaps,
            created with { Metadata = created.Metadata with { ResourceVersion = null }, Data = new Dictionary<string, string> { ["k"] = "applied" } },
            KubernetesJsonContext.Default.ConfigMap,
            new ApplyOptions { FieldManager = "typed", Force = true });

        Assert.Equal("applied", applied.Data!["k"]);
    }

    [Fact]
    public async Task DeleteAsync_Plain_GoneThenNotFound()
    {
        string ns = await fixture.NewNamespaceAsync();
        await CreateMapAsync(ns, "del");

        DeleteOutcome outcome = await _client.DeleteAsync(ResourceType.ConfigMaps, ns, "del", new DeleteOptions { PropagationPolicy = PropagationPolicies.Background });

        Assert.Equal(DeleteOutcome.Gone, outcome);
        await Assert.ThrowsAsync<NotFoundException>(() => _client.DeleteAsync(ResourceType.ConfigMaps, ns, "del"));
    }

    [Fact]
    public async Task DeleteAsync_WithFinalizer_Pending()
    {
        string ns = await fixture.NewNamespaceAsync();
        await _client.CreateAsync(
            ResourceType.ConfigMaps,
            new ConfigMap { Metadata = new ObjectMeta { Name = "held", Namespace = ns, Finalizers = ["keyoperator.io/test"] } },
            KubernetesJsonContext.Default.ConfigMap);

        DeleteOutcome outcome = await _client.DeleteAsync(ResourceType.ConfigMaps, ns, "held");

        Assert.Equal(DeleteOutcome.Pending, outcome);
        ConfigMap held = await _client.GetAsync(ResourceType.ConfigMaps, ns, "held", KubernetesJsonContext.Default.ConfigMap);
        Assert.NotNull(held.Metadata.DeletionTimestamp);
        await _client.PatchAsync(
            ResourceType.ConfigMaps, ns, "held", KubernetesPatch.Merge(new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = null } }),
            KubernetesJsonContext.Default.ConfigMap);
        await Assert.ThrowsAsync<NotFoundException>(() => _client.GetAsync(ResourceType.ConfigMaps, ns, "held", KubernetesJsonContext.Default.ConfigMap));
    }

    [Fact]
    public async Task DeleteAsync_WrongUidPrecondition_ThrowsConflict()
    {
        string ns = await fixture.NewNamespaceAsync();
        await CreateMapAsync(ns, "pre");

        await Assert.ThrowsAsync<ConflictException>(() => _client.DeleteAsync(
            ResourceType.ConfigMaps, ns, "pre", new DeleteOptions { Preconditions = new Preconditions { Uid = "not-the-uid" } }));

        Assert.NotNull(await _client.TryGetAsync(ResourceType.ConfigMaps, ns, "pre", KubernetesJsonContext.Default.ConfigMap));
    }

    [Fact]
    public async Task ReplaceAsync_DeploymentTemplateAnnotation_KeepsUnknownSpecFields()
    {
        // No replicas, so a real cluster starts no pods; 0 still differs from the server's default of 1.
        string ns = await fixture.NewNamespaceAsync();
        await _client.CreateObjectAsync(ResourceType.Deployments, JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"roll","namespace":"NS"},
             "spec":{"replicas":0,"selector":{"matchLabels":{"app":"roll"}},"minReadySeconds":7,
               "template":{"metadata":{"labels":{"app":"roll"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
            """.Replace("NS", ns, StringComparison.Ordinal))!.AsObject());

        // A real cluster's deployment controller writes the status meanwhile, so a replace may need a fresh read.
        for (int attempt = 1; ; attempt++)
        {
            Deployment current = await _client.GetAsync(ResourceType.Deployments, ns, "roll", KubernetesJsonContext.Default.Deployment);
            Deployment restarted = current with
            {
                Spec = current.Spec! with
                {
                    Template = current.Spec.Template! with
                    {
                        Metadata = current.Spec.Template.Metadata! with { Annotations = new Dictionary<string, string> { ["keyoperator.io/rotated"] = "1" } },
                    },
                },
            };
            try
            {
                await _client.ReplaceAsync(ResourceType.Deployments, restarted, KubernetesJsonContext.Default.Deployment);
                break;
            }
            catch (ConflictException) when (attempt < 10)
            {
            }
        }

        JsonObject raw = await _client.GetObjectAsync(ResourceType.Deployments, ns, "roll");
        Assert.Equal("1", (string?)raw["spec"]!["template"]!["metadata"]!["annotations"]!["keyoperator.io/rotated"]);
        Assert.Equal(7, (int?)raw["spec"]!["minReadySeconds"]);
        Assert.Equal(0, (int?)raw["spec"]!["replicas"]);
        Assert.Equal("nginx", (string?)raw["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
    }

    [Fact]
    public async Task CreateAsync_LeaseAndEvent_MicroTimesRoundTrip()
    {
        string ns = await fixture.NewNamespaceAsync();
        var renew = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560);

        Lease lease = await _client.CreateAsync(
            ResourceType.Leases,
            new Lease { Metadata = new ObjectMeta { Name = "leader", Namespace = ns }, Spec = new LeaseSpec { HolderIdentity = "me", LeaseDurationSeconds = 15, RenewTime = renew, AcquireTime = renew } },
            KubernetesJsonContext.Default.Lease);
        Event ev = await _client.CreateAsync(
            ResourceType.Events,
            new Event
            {
                Metadata = new ObjectMeta { GenerateName = "key.", Namespace = ns },
                EventTime = renew,
                ReportingController = "keyoperator.io/controller",
                ReportingInstance = "pod-1",
                Action = "Rotate",
                Reason = "Rotated",
                Type = "Normal",
                Note = "rotated",
                Regarding = new ObjectReference { Kind = "Lease", Name = "leader", Namespace = ns },
            },
            KubernetesJsonContext.Default.Event);

        Assert.Equal(renew, lease.Spec!.RenewTime);
        Assert.Equal(renew, ev.EventTime);
    }

    private Task<ConfigMap> CreateMapAsync(string ns, string name) =>
        _client.CreateAsync(ResourceType.ConfigMaps, Map(ns, name), KubernetesJsonContext.Default.ConfigMap);

    private static ConfigMap Map(string ns, string name) =>
        new() { Metadata = new ObjectMeta { Name = name, Namespace = ns }, Data = new Dictionary<string, string> { ["k"] = "v" } };
}
