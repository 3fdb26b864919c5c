// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Keys;
using KeyOperator.Operator.Tests.Controllers.Fakes;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Conditions;
using KeyOperator.Runtime.Controllers;

namespace KeyOperator.Operator.Tests.Controllers.ApiKeys;

/// <summary>The ApiKey reconciler against in-memory ports: what it writes, and what it leaves alone.</summary>
public sealed class ApiKeyReconcilerTests : IDisposable
{
    private readonly ReconcilerHarness _harness = new();

    [Fact]
    public async Task ReconcileAsync_SecretMissing_MintsVersionOneAndReportsReady()
    {
        _harness.AddApiKey("payments");

        ReconcileResult result = await _harness.ReconcileAsync("payments");

        Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        V1Secret secret = Assert.IsType<V1Secret>(_harness.Secrets.Find(ReconcilerHarness.Namespace, "payments"));
        Assert.True(TokenFormat.Verify(Encoding.UTF8.GetString(secret.Data["token"])).IsValid);
        Assert.Equal("1", secret.Metadata.Annotations[ApiKeyConstants.Annotations.Version]);
        ApiKey stored = _harness.ApiKeys.Get(ReconcilerHarness.Namespace, "payments");
        Assert.Equal(1, stored.Status?.CurrentVersion);
        Assert.Equal(secret.Metadata.Annotations[ApiKeyConstants.Annotations.Fingerprint], stored.Status?.Fingerprint);
        Assert.True(Conditions.IsTrue(stored.Status?.Conditions, ConditionTypes.Ready));
        V1OwnerReference owner = Assert.Single(secret.Metadata.OwnerReferences);
        Assert.Equal(stored.Metadata.Uid, owner.Uid);
        Assert.Contains(_harness.Events.Events, e => e.Reason == ApiKeyReasons.Generated);

        // The cache's miss is confirmed once by the server; the rotator then starts from the Secret the create returned.
        Assert.Equal(2, _harness.Secrets.Reads);
    }

    [Fact]
    public async Task ReconcileAsync_Converged_WritesNothingAndReadsOnlyTheCache()
    {
        _harness.AddApiKey("payments");
        await _harness.ReconcileAsync("payments");
        int secretWrites = _harness.Secrets.Writes;
        int statusWrites = _harness.ApiKeys.StatusWrites;
        int reads = _harness.ApiKeys.Reads;
        string before = System.Text.Json.JsonSerializer.Serialize(_harness.ApiKeys.Get(ReconcilerHarness.Namespace, "payments"), KeyOperator.Operator.Serialization.OperatorJsonContext.Default.ApiKey);

        await _harness.ReconcileAsync("payments");
        string after = System.Text.Json.JsonSerializer.Serialize(_harness.ApiKeys.Get(ReconcilerHarness.Namespace, "payments"), KeyOperator.Operator.Serialization.OperatorJsonContext.Default.ApiKey);
        Assert.Equal(before, after);
        Assert.Equal(reads, _harness.ApiKeys.Reads);

        Assert.Equal(secretWrites, _harness.Secrets.Writes);
        Assert.Equal(statusWrites, _harness.ApiKeys.StatusWrites);
    }

    [Fact]
    public async Task ReconcileAsync_ForeignSecret_LeavesItUntouchedAndReportsSecretConflict()
    {
        V1Secret foreign = _harness.Secrets.Put(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "payments", NamespaceProperty = ReconcilerHarness.Namespace },
            Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes("somebody else's") },
        });
        _harness.AddApiKey("payments");

        ReconcileResult result = await _harness.ReconcileAsync("payments");

        Assert.Equal(TimeSpan.FromMinutes(1), result.Delay);
        V1Secret after = Assert.IsType<V1Secret>(_harness.Secrets.Find(ReconcilerHarness.Namespace, "payments"));
        Assert.Equal(foreign.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Equal("somebody else's", Encoding.UTF8.GetString(after.Data["token"]));
        Condition ready = Assert.IsType<Condition>(Conditions.Find(_harness.ApiKeys.Get(ReconcilerHarness.Namespace, "payments").Status?.Conditions, ConditionTypes.Ready));
        Assert.Equal(ConditionStatus.False, ready.Status);
        Assert.Equal(ApiKeyReasons.SecretConflict, ready.Reason);
        Assert.DoesNotContain("somebody else's", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_SecretTampered_ReplacesItWithTheNextVersion()
    {
        _harness.AddApiKey("payments");
        await _harness.ReconcileAsync("payments");
        V1Secret minted = _harness.Secrets.Find(ReconcilerHarness.Namespace, "payments")!;
        _harness.Secrets.Put(minted with { Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes("ko_edited_by_hand") } });

        await _harness.ReconcileAsync("payments");

        V1Secret replaced = _harness.Secrets.Find(ReconcilerHarness.Namespace, "payments")!;
        Assert.Equal("2", replaced.Metadata.Annotations[ApiKeyConstants.Annotations.Version]);
        Assert.NotEqual("ko_edited_by_hand", Encoding.UTF8.GetString(replaced.Data["token"]));
        Assert.Equal(2, _harness.ApiKeys.Get(ReconcilerHarness.Namespace, "payments").Status?.CurrentVersion);
        Assert.Contains(_harness.Events.Events, e => e.Reason == ApiKeyReasons.SecretTampered && e.Type == "Warning");
    }

    [Fact]
    public async Task ReconcileAsync_SecretDeleted_RecreatesItWithTheNextVersion()
    {
        _harness.AddApiKey("payments");
        await _harness.ReconcileAsync("payments");
        _harness.Secrets.Delete(ReconcilerHarness.Namespace, "payments");

        await _harness.ReconcileAsync("payments");

        V1Secret recreated = Assert.IsType<V1Secret>(_harness.Secrets.Find(ReconcilerHarness.Namespace, "payments"));
        Assert.Equal("2", recreated.Metadata.Annotations[ApiKeyConstants.Annotations.Version]);
        Assert.Equal(2, _harness.ApiKeys.Get(ReconcilerHarness.Namespace, "payments").Status?.CurrentVersion);
        Assert.Contains(_harness.Events.Events, e => e.Reason == ApiKeyReasons.SecretRecreated);
    }

    [Fact]
    public async Task ReconcileAsync_SecretReplacedMeanwhile_FailsWithAConflictTheControllerRequeues()
    {
        _harness.AddApiKey("payments");
        await _harness.ReconcileAsync("payments");
        V1Secret minted = _harness.Secrets.Find(ReconcilerHarness.Namespace, "payments")!;
        _harness.Secrets.Put(minted with { Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes("ko_edited_by_hand") } });
        _harness.Secrets.BeforeNextWrite = () => _harness.Secrets.Put(_harness.Secrets.Find(ReconcilerHarness.Namespace, "payments")!);

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => _harness.ReconcileAsync("payments"));

        Assert.True(KeyOperator.Operator.Controllers.ControllerServiceCollectionExtensions.IsConflict(error));
    }

    [Theory]
    [InlineData(409, "Conflict", true)]
    [InlineData(409, "AlreadyExists", true)]
    [InlineData(404, "NotFound", false)]
    [InlineData(422, "Invalid", false)]
    [InlineData(500, "InternalError", false)]
    public void IsConflict_LibraryStatusErrors_OnlyLostRacesRequeueAtOnce(int code, string reason, bool conflict) =>
        Assert.Equal(conflict, KeyOperator.Operator.Controllers.ControllerServiceCollectionExtensions.IsConflict(
            ApiErrors.Status((System.Net.HttpStatusCode)code, reason, "secrets \"x\"")));

    [Fact]
    public async Task ReconcileAsync_VerifierRequested_PublishesDigestsButNoKeyMaterial()
    {
        _harness.AddApiKey("payments", new ApiKeySpec { Verifier = new VerifierSpec() });

        await _harness.ReconcileAsync("payments");

        V1ConfigMap verifier = Assert.IsType<V1ConfigMap>(_harness.ConfigMaps.Find(ReconcilerHarness.Namespace, "payments-verifier"));
        string token = Encoding.UTF8.GetString(_harness.Secrets.Find(ReconcilerHarness.Namespace, "payments")!.Data["token"]);
        string keys = verifier.Data[VerifierPublisher.KeysDataKey];
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(token))), keys, StringComparison.Ordinal);
        Assert.DoesNotContain(token, keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_RotationRequested_KeepsPreviousKeyAndRestartsTheWorkloadOnce()
    {
        RestartTarget web = new() { Kind = WorkloadKind.Deployment, Name = "web" };
        _harness.Workloads.Add(ReconcilerHarness.Namespace, web);
        _harness.AddApiKey("payments", new ApiKeySpec { RestartTargets = [web] });
        await _harness.ReconcileAsync("payments");
        string first = Encoding.UTF8.GetString(_harness.Secrets.Find(ReconcilerHarness.Namespace, "payments")!.Data["token"]);
        _harness.ApiKeys.Annotate(ReconcilerHarness.Namespace, "payments", ApiKeyConstants.Annotations.Rotate, "now");

        // The restart step waits for keys of the same workload to settle (RestartBatchOptions); the fake clock moves
        // past that wait between passes, as the requeue would.
        for (int pass = 0; pass < 5 && _harness.Workloads.Patches.Count == 0; pass++)
        {
            await _harness.ReconcileAsync("payments");
            _harness.Time.Advance(TimeSpan.FromSeconds(5));
        }

        V1Secret rotated = _harness.Secrets.Find(ReconcilerHarness.Namespace, "payments")!;
        Assert.Equal("2", rotated.Metadata.Annotations[ApiKeyConstants.Annotations.Version]);
        Assert.Equal(first, Encoding.UTF8.GetString(rotated.Data["token" + ApiKeyConstants.DataKeys.PreviousSuffix]));
        Assert.NotEqual(first, Encoding.UTF8.GetString(rotated.Data["token"]));
        (RestartTarget target, string value) = Assert.Single(_harness.Workloads.Patches);
        Assert.Equal(web, target);
        Assert.Contains("payments", value, StringComparison.Ordinal);
        Assert.Contains(_harness.Events.Events, e => e.Reason == ApiKeyReasons.Rotated);
    }

    public void Dispose() => _harness.Dispose();
}
