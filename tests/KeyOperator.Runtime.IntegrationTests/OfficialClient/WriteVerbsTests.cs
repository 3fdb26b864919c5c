// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Runtime.IntegrationTests.OfficialClient;

/// <summary>
/// The local control plane serves the official client's writes, patches and deletes, and its Status errors map through
/// <see cref="KubernetesErrors"/> (ported from KeyOperator.Kubernetes.Tests).
/// </summary>
[Trait("Cluster", "Any")]
public sealed class WriteVerbsTests
{
    [Fact]
    public async Task CreateNamespacedConfigMap_Existing_AlreadyExists()
    {
        await using var cluster = await TestCluster.StartAsync();
        await CreateMapAsync(cluster, "dup");

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => CreateMapAsync(cluster, "dup"));

        Assert.True(KubernetesErrors.IsAlreadyExists(ex), ex.ToString());
        Assert.False(KubernetesErrors.IsConflict(ex));
        Assert.Equal(409, KubernetesErrors.StatusCode(ex));
    }

    [Fact]
    public async Task CreateNamespacedConfigMap_InvalidName_InvalidWithFieldCause()
    {
        await using var cluster = await TestCluster.StartAsync();

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => CreateMapAsync(cluster, "Not_A_DNS_Name"));

        Assert.True(KubernetesErrors.IsInvalid(ex), ex.ToString());
        Assert.Equal("Invalid", KubernetesErrors.Status(ex)?.Reason);
        Assert.Contains(KubernetesErrors.Status(ex)?.Details?.Causes ?? [], c => c.Field == "metadata.name");
    }

    [Fact]
    public async Task CreateNamespacedConfigMap_DryRun_PersistsNothing()
    {
        await using var cluster = await TestCluster.StartAsync();

        var returned = await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(Map("dry"), cluster.Namespace, dryRun: "All");

        Assert.Equal("dry", returned.Metadata.Name);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.GetConfigMapAsync("dry"));
        Assert.True(KubernetesErrors.IsNotFound(ex));
    }

    [Fact]
    public async Task CreateNamespacedConfigMap_GenerateName_ServerPicksName()
    {
        await using var cluster = await TestCluster.StartAsync();

        var created = await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, cluster.Namespace);

        Assert.StartsWith("gen-", created.Metadata.Name, StringComparison.Ordinal);
        Assert.True(created.Metadata.Name.Length > "gen-".Length);
    }

    [Fact]
    public async Task ReplaceNamespacedConfigMap_CurrentVersionSucceeds_StaleVersionConflicts()
    {
        await using var cluster = await TestCluster.StartAsync();
        var created = await CreateMapAsync(cluster, "cas");
        var staleVersion = created.Metadata.ResourceVersion;

        created.Data = new Dictionary<string, string> { ["k"] = "v2" };
        var updated = await cluster.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "cas", cluster.Namespace);
        created.Data = new Dictionary<string, string> { ["k"] = "v3" };
        created.Metadata.ResourceVersion = staleVersion;
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "cas", cluster.Namespace));

        Assert.Equal("v2", updated.Data["k"]);
        Assert.NotEqual(staleVersion, updated.Metadata.ResourceVersion);
        Assert.True(KubernetesErrors.IsConflict(ex), ex.ToString());
        Assert.Equal("Conflict", KubernetesErrors.Status(ex)?.Reason);
    }

    [Theory]
    [InlineData(V1Patch.PatchType.MergePatch, """{"metadata":{"labels":{"x":"y"}},"data":{"k":null,"n":"new"}}""")]
    [InlineData(V1Patch.PatchType.StrategicMergePatch, """{"metadata":{"labels":{"x":"y"}},"data":{"k":null,"n":"new"}}""")]
    [InlineData(V1Patch.PatchType.JsonPatch, """[{"op":"add","path":"/metadata/labels","value":{"x":"y"}},{"op":"remove","path":"/data/k"},{"op":"add","path":"/data/n","value":"new"}]""")]
    public async Task PatchNamespacedConfigMap_EachPatchType_AddsAndRemovesKeys(V1Patch.PatchType type, string patch)
    {
        await using var cluster = await TestCluster.StartAsync();
        await CreateMapAsync(cluster, "patched");

        var patched = await cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch, type), "patched", cluster.Namespace);

        Assert.Equal("y", patched.Metadata.Labels["x"]);
        Assert.Equal(new Dictionary<string, string> { ["n"] = "new" }, patched.Data);
    }

    [Fact]
    public async Task PatchNamespacedConfigMap_JsonPatchTestOnStaleVersion_Invalid()
    {
        await using var cluster = await TestCluster.StartAsync();
        var created = await CreateMapAsync(cluster, "tested");
        V1Patch Ops() => new(
            $$"""[{"op":"test","path":"/metadata/resourceVersion","value":"{{created.Metadata.ResourceVersion}}"},{"op":"replace","path":"/data/k","value":"patched"}]""",
            V1Patch.PatchType.JsonPatch);

        var patched = await cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(Ops(), "tested", cluster.Namespace);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(Ops(), "tested", cluster.Namespace));

        Assert.Equal("patched", patched.Data["k"]);
        Assert.True(KubernetesErrors.IsInvalid(ex), ex.ToString());
    }

    [Fact]
    public async Task ServerSideApply_TwoManagers_ConflictUnlessForced()
    {
        await using var cluster = await TestCluster.StartAsync();
        var ns = cluster.Namespace;
        V1Patch Apply(string value) => new(
            $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ssa","namespace":"{{{ns}}}"},"data":{"k":"{{{value}}}"}}""",
            V1Patch.PatchType.ApplyPatch);

        var created = await cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(Apply("one"), "ssa", ns, fieldManager: "first");
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(Apply("two"), "ssa", ns, fieldManager: "second"));
        var forced = await cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(Apply("two"), "ssa", ns, fieldManager: "second", force: true);

        Assert.Equal("one", created.Data["k"]);
        Assert.Contains(created.Metadata.ManagedFields, m => m.Manager == "first" && m.Operation == "Apply");
        Assert.True(KubernetesErrors.IsConflict(ex), ex.ToString());
        Assert.NotEmpty(KubernetesErrors.Status(ex)?.Details?.Causes ?? []);
        Assert.Equal("two", forced.Data["k"]);
    }

    [Fact]
    public async Task DeleteNamespacedConfigMap_Plain_GoneThenNotFound()
    {
        await using var cluster = await TestCluster.StartAsync();
        await CreateMapAsync(cluster, "del");

        await cluster.Client.CoreV1.DeleteNamespacedConfigMapAsync("del", cluster.Namespace, body: new V1DeleteOptions { PropagationPolicy = "Background" });
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.CoreV1.DeleteNamespacedConfigMapAsync("del", cluster.Namespace));

        Assert.True(KubernetesErrors.IsNotFound(ex), ex.ToString());
    }

    [Fact]
    public async Task DeleteNamespacedConfigMap_WithFinalizer_PendingUntilFinalizerRemoved()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["keyoperator.io/test"] } }, cluster.Namespace);

        await cluster.Client.CoreV1.DeleteNamespacedConfigMapAsync("held", cluster.Namespace);
        var held = await cluster.GetConfigMapAsync("held");
        await cluster.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "held", cluster.Namespace);

        Assert.NotNull(held.Metadata.DeletionTimestamp);
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.GetConfigMapAsync("held"));
        Assert.True(KubernetesErrors.IsNotFound(ex));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DeleteNamespacedConfigMap_WrongPrecondition_ConflictAndKept(bool byUid)
    {
        await using var cluster = await TestCluster.StartAsync();
        var created = await CreateMapAsync(cluster, "pre");
        await cluster.SetValueAsync("pre", "changed");
        var preconditions = byUid ? new V1Preconditions { Uid = "not-the-uid" } : new V1Preconditions { ResourceVersion = created.Metadata.ResourceVersion };

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.CoreV1.DeleteNamespacedConfigMapAsync(
            "pre", cluster.Namespace, body: new V1DeleteOptions { Preconditions = preconditions }));

        Assert.True(KubernetesErrors.IsConflict(ex), ex.ToString());
        Assert.Equal("pre", (await cluster.GetConfigMapAsync("pre")).Metadata.Name);
    }

    [Fact]
    public async Task LeaseAndEvent_MicroTimes_RoundTrip()
    {
        await using var cluster = await TestCluster.StartAsync();
        var ns = cluster.Namespace;
        var renew = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560);

        var lease = await cluster.Client.CoordinationV1.CreateNamespacedLeaseAsync(
            new V1Lease { Metadata = new V1ObjectMeta { Name = "leader" }, Spec = new V1LeaseSpec { HolderIdentity = "me", LeaseDurationSeconds = 15, RenewTime = renew, AcquireTime = renew } },
            ns);
        var ev = await cluster.Client.EventsV1.CreateNamespacedEventAsync(
            new Eventsv1Event
            {
                Metadata = new V1ObjectMeta { GenerateName = "key." },
                EventTime = renew,
                ReportingController = "keyoperator.io/controller",
                ReportingInstance = "pod-1",
                Action = "Rotate",
                Reason = "Rotated",
                Type = "Normal",
                Note = "rotated",
                Regarding = new V1ObjectReference { Kind = "Lease", Name = "leader", NamespaceProperty = ns },
            },
            ns);

        Assert.Equal(renew, lease.Spec.RenewTime!.Value.ToUniversalTime());
        Assert.Equal(renew, ev.EventTime!.Value.ToUniversalTime());
    }

    private static V1ConfigMap Map(string name) =>
        new() { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["k"] = "v" } };

    private static Task<V1ConfigMap> CreateMapAsync(TestCluster cluster, string name) =>
        cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(Map(name), cluster.Namespace);
}
