// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Operator.Serialization;
using KeyOperator.Providers;
using KeyOperator.Providers.Vault;
using KeyOperator.Runtime.Conditions;
using KeyOperator.Runtime.Controllers;
using static KeyOperator.Operator.Tests.Controllers.ExternalCredentials.ExternalCredentialHarness;

namespace KeyOperator.Operator.Tests.Controllers.ExternalCredentials;

public sealed class ExternalCredentialReconcilerTests
{
    [Fact]
    public async Task ReconcileAsync_FirstSync_CreatesOwnedSecretAndReportsSynced()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", """{"user":"app","password":"pw-1"}""");
        ExternalCredential xc = h.Create("db", VaultSpec(Data("password", "app/db", "password"), Data("user", "app/db", "user")));

        ReconcileResult result = await h.ReconcileAsync("db");

        Assert.Equal("pw-1", h.Value("db", "password"));
        Assert.Equal("app", h.Value("db", "user"));
        V1Secret secret = h.Secrets.Find(Namespace, "db")!;
        Assert.Equal(xc.Metadata.Uid, Assert.Single(secret.Metadata.OwnerReferences).Uid);
        ExternalCredentialStatus status = h.Status("db");
        Assert.Equal("True", Conditions.StatusOf(status.Conditions, "Ready"));
        Assert.Equal("Synced", Conditions.Find(status.Conditions, "Ready")!.Reason);
        Assert.Equal("vault", status.Provider);
        Assert.Equal(1, status.DataVersion);
        Assert.Equal(1, h.Store.Reads); // one remote secret read once for two properties
        Assert.Equal(ReconcileOutcome.RequeueAfter, result.Outcome);
        Assert.InRange(result.Delay, TimeSpan.FromHours(1), TimeSpan.FromHours(1.1));
        VaultConnection connection = Assert.IsType<VaultConnection>(Assert.Single(h.Factory.Connections));
        Assert.Equal("hvs.test-token", Assert.IsType<VaultTokenAuth>(connection.Auth).Token.Reveal());
    }

    [Theory]
    [InlineData(ProviderFailure.Unavailable, "ProviderUnavailable")]
    [InlineData(ProviderFailure.AuthFailed, "AuthFailed")]
    [InlineData(ProviderFailure.Throttled, "Throttled")]
    [InlineData(ProviderFailure.InvalidRequest, "InvalidSpec")]
    public async Task ReconcileAsync_StoreFails_KeepsSecretAndReportsReason(ProviderFailure failure, string reason)
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")));
        await h.ReconcileAsync("db");
        h.Store.Failure = new ProviderException(failure, "store says no", TimeSpan.FromSeconds(42));
        h.Secrets.Delete(Namespace, "ignored"); // no-op: only the managed Secret exists
        h.Time.Advance(TimeSpan.FromHours(2));

        ReconcileResult result = await h.ReconcileAsync("db");

        Assert.Equal("pw-1", h.Value("db", "password"));
        Condition ready = Conditions.Find(h.Status("db").Conditions, "Ready")!;
        Assert.Equal(("False", reason), (ready.Status, ready.Reason));
        Assert.Contains("store says no", ready.Message, StringComparison.Ordinal);
        if (failure == ProviderFailure.InvalidRequest)
        {
            Assert.Equal(ReconcileOutcome.Done, result.Outcome);
        }
        else
        {
            Assert.Equal((ReconcileOutcome.RequeueAfter, TimeSpan.FromSeconds(42)), (result.Outcome, result.Delay));
        }
    }

    [Theory]
    [InlineData("Retain", "pw-1")]
    [InlineData("Delete", null)]
    public async Task ReconcileAsync_NotFoundTwice_AppliesDeletionPolicyOnlyThen(string deletionPolicy, string? finalValue)
    {
        ExternalDeletionPolicy policy = Enum.Parse<ExternalDeletionPolicy>(deletionPolicy);
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Store.Set("app/other", "o-1");
        h.Create("db", VaultSpec(Data("password", "app/db"), Data("other", "app/other")) with { Target = new ExternalTargetSpec { DeletionPolicy = policy } });
        await h.ReconcileAsync("db");
        h.Store.Remove("app/db");
        h.Time.Advance(TimeSpan.FromHours(2));

        ReconcileResult first = await h.ReconcileAsync("db");
        string? afterFirst = h.Value("db", "password");
        h.Time.Advance(first.Delay);
        await h.ReconcileAsync("db");

        Assert.Equal("pw-1", afterFirst);
        Assert.Equal(TimeSpan.FromMinutes(1), first.Delay); // confirmed soon, not an interval later
        Assert.Equal(finalValue, h.Value("db", "password"));
        Assert.Equal("o-1", h.Value("db", "other"));
        Assert.Equal("NotFound", Conditions.Find(h.Status("db").Conditions, "Ready")!.Reason);
    }

    [Fact]
    public async Task ReconcileAsync_NotFoundThenBack_KeepsValueWithoutConfirming()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")) with { Target = new ExternalTargetSpec { DeletionPolicy = ExternalDeletionPolicy.Delete } });
        await h.ReconcileAsync("db");
        h.Store.Remove("app/db");
        h.Time.Advance(TimeSpan.FromHours(2));
        await h.ReconcileAsync("db");
        h.Store.Set("app/db", "pw-2");
        h.Time.Advance(TimeSpan.FromMinutes(1));

        await h.ReconcileAsync("db");

        Assert.Equal("pw-2", h.Value("db", "password"));
        Assert.Null(h.Status("db").NotFoundKeys);
        Assert.Equal("Synced", Conditions.Find(h.Status("db").Conditions, "Ready")!.Reason);
    }

    [Fact]
    public async Task ReconcileAsync_KeepPreviousAndValueChanges_KeepsOldValueBesideNew()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")) with { Target = new ExternalTargetSpec { KeepPrevious = true } });
        await h.ReconcileAsync("db");
        h.Store.Set("app/db", "pw-2");
        h.Time.Advance(TimeSpan.FromHours(2));

        await h.ReconcileAsync("db");
        h.Time.Advance(TimeSpan.FromHours(2));
        await h.ReconcileAsync("db");

        Assert.Equal("pw-2", h.Value("db", "password"));
        Assert.Equal("pw-1", h.Value("db", "password.previous"));
        Assert.Equal(2, h.Status("db").DataVersion);
    }

    [Fact]
    public async Task ReconcileAsync_RecentSyncAfterRestart_DoesNotReadStore()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")));
        await h.ReconcileAsync("db");
        h.Time.Advance(TimeSpan.FromMinutes(20));

        // What a restarted operator does first: reconcile everything it lists.
        ReconcileResult result = await h.ReconcileAsync("db");

        Assert.Equal(1, h.Store.Reads);
        Assert.Equal(ReconcileOutcome.RequeueAfter, result.Outcome);
        Assert.InRange(result.Delay, TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(46));
    }

    [Fact]
    public async Task ReconcileAsync_SecretEditedBehindOurBack_RepairsAtOnce()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")));
        await h.ReconcileAsync("db");
        V1Secret secret = h.Secrets.Find(Namespace, "db")!;
        h.Secrets.Put(secret with { Data = new Dictionary<string, byte[]> { ["password"] = "tampered"u8.ToArray() } });

        await h.ReconcileAsync("db");

        Assert.Equal("pw-1", h.Value("db", "password"));
        Assert.Equal(2, h.Store.Reads);
    }

    [Fact]
    public async Task ReconcileAsync_UnchangedData_DoesNotWriteSecret()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")));
        await h.ReconcileAsync("db");
        int writes = h.Secrets.Writes;
        h.Time.Advance(TimeSpan.FromHours(2));

        await h.ReconcileAsync("db");

        Assert.Equal(writes, h.Secrets.Writes);
        Assert.Equal(1, h.Status("db").DataVersion);
    }

    [Fact]
    public async Task ReconcileAsync_DataChanges_RestartsTargetsOncePerChange()
    {
        using ExternalCredentialHarness h = new();
        h.Workloads.Add(Namespace, Deployment("api"));
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")) with { RestartTargets = [Deployment("api")] });
        await h.ReconcileAsync("db");
        int afterFirstSync = h.Workloads.Patches.Count;
        h.Store.Set("app/db", "pw-2");
        h.Time.Advance(TimeSpan.FromHours(2));

        await h.ReconcileAsync("db");
        await h.ReconcileAsync("db");
        h.Time.Advance(TimeSpan.FromHours(2));
        await h.ReconcileAsync("db");

        Assert.Equal(0, afterFirstSync);
        Assert.Equal("xc.db=2", Assert.Single(h.Workloads.Patches).Value);
    }

    [Fact]
    public async Task ReconcileAsync_ApiKeyOfSameWorkloadAboutToRotate_RestartWaitsAndRollsOnceForBoth()
    {
        using ExternalCredentialHarness h = new();
        ApiKey key = await ChangedBesideDueApiKeyAsync(h);

        ReconcileResult settling = await h.ReconcileAsync("db");
        h.Time.Advance(TimeSpan.FromSeconds(3));
        ReconcileResult waiting = await h.ReconcileAsync("db");
        Assert.Empty(h.Workloads.Patches);
        h.Peers.ApiKeyList[0] = key with { Status = new ApiKeyStatus { CurrentVersion = 2, NextRotationTime = h.Time.GetUtcNow().AddHours(1) } };
        await h.ReconcileAsync("db");

        Assert.Equal(2, h.Status("db").DataVersion);
        Assert.Equal(ReconcileOutcome.RequeueAfter, settling.Outcome);
        Assert.True(settling.Delay <= TimeSpan.FromSeconds(2), $"settle wait {settling.Delay}");
        Assert.Equal(ReconcileOutcome.RequeueAfter, waiting.Outcome);
        Assert.True(waiting.Delay <= TimeSpan.FromSeconds(1), $"poll wait {waiting.Delay}");
        string value = Assert.Single(h.Workloads.Patches).Value;
        Assert.Equal(2, RestartAnnotation.VersionFor(value, "xc.db"));
        Assert.Equal(2, RestartAnnotation.VersionFor(value, "key"));
    }

    [Fact]
    public async Task ReconcileAsync_ApiKeyRotationStuck_RestartsAfterMaxWait()
    {
        using ExternalCredentialHarness h = new();
        await ChangedBesideDueApiKeyAsync(h);
        await h.ReconcileAsync("db");

        h.Time.Advance(TimeSpan.FromSeconds(31));
        await h.ReconcileAsync("db");

        // The stuck key's committed version 1 is recorded too; its version 2 restarts the workload again when it commits.
        Assert.Equal("key=1,xc.db=2", Assert.Single(h.Workloads.Patches).Value);
    }

    [Fact]
    public async Task ReconcileAsync_TemplateNamesSyncedKeys_RendersValue()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", """{"user":"app","password":"pw-1"}""");
        h.Create("db", VaultSpec() with
        {
            DataFrom = [new ExternalDataFromSpec { Extract = new RemoteRefSpec { Key = "app/db" } }],
            Target = new ExternalTargetSpec { Template = new ExternalTargetTemplateSpec { Data = new Dictionary<string, string> { ["DATABASE_URL"] = "postgres://{{ .user }}:{{.password}}@db:5432/app" } } },
        });

        await h.ReconcileAsync("db");

        Assert.Equal("postgres://app:pw-1@db:5432/app", h.Value("db", "DATABASE_URL"));
        Assert.Null(h.Value("db", "password"));
    }

    [Theory]
    [InlineData("{{ .missing }}")]
    [InlineData("{{ index . \"password\" }}")]
    [InlineData("{{ .password | b64enc }}")]
    public async Task ReconcileAsync_BadTemplate_ReportsTemplateErrorAndKeepsSecret(string template)
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")));
        await h.ReconcileAsync("db");
        ExternalCredential current = h.Credentials.Get(Namespace, "db");
        h.Credentials.Put(current with
        {
            Metadata = current.Metadata with { Generation = 2 },
            Spec = current.Spec with { Target = new ExternalTargetSpec { Template = new ExternalTargetTemplateSpec { Data = new Dictionary<string, string> { ["url"] = template } } } },
        });

        await h.ReconcileAsync("db");

        Assert.Equal("pw-1", h.Value("db", "password"));
        Condition ready = Conditions.Find(h.Status("db").Conditions, "Ready")!;
        Assert.Equal("TemplateError", ready.Reason);
        Assert.DoesNotContain("pw-1", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_ForeignSecretWithOwnerPolicy_ReportsSecretConflictAndLeavesIt()
    {
        using ExternalCredentialHarness h = new();
        h.Secrets.Put(new V1Secret { Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = Namespace }, Data = new Dictionary<string, byte[]> { ["mine"] = "x"u8.ToArray() } });
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")));

        await h.ReconcileAsync("db");

        Assert.Equal("x", h.Value("db", "mine"));
        Assert.Null(h.Value("db", "password"));
        Assert.Equal("SecretConflict", Conditions.Find(h.Status("db").Conditions, "Ready")!.Reason);
    }

    [Fact]
    public async Task ReconcileAsync_MergePolicy_AddsKeysAndKeepsOthers()
    {
        using ExternalCredentialHarness h = new();
        h.Secrets.Put(new V1Secret { Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = Namespace }, Data = new Dictionary<string, byte[]> { ["mine"] = "x"u8.ToArray() } });
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")) with { Target = new ExternalTargetSpec { CreationPolicy = CreationPolicy.Merge } });

        await h.ReconcileAsync("db");

        Assert.Equal("x", h.Value("db", "mine"));
        Assert.Equal("pw-1", h.Value("db", "password"));
        Assert.Null(h.Secrets.Find(Namespace, "db")!.Metadata.OwnerReferences);
    }

    [Fact]
    public async Task ReconcileAsync_MergePolicyWithoutSecret_ReportsSecretConflict()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")) with { Target = new ExternalTargetSpec { CreationPolicy = CreationPolicy.Merge } });

        await h.ReconcileAsync("db");

        Assert.Null(h.Secrets.Find(Namespace, "db"));
        Assert.Equal("SecretConflict", Conditions.Find(h.Status("db").Conditions, "Ready")!.Reason);
    }

    [Fact]
    public async Task ReconcileAsync_ManyObjectsOnOneStore_ShareOneClient()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        for (int i = 0; i < 20; i++)
        {
            h.Create("db-" + i, VaultSpec(Data("password", "app/db")));
            await h.ReconcileAsync("db-" + i);
        }

        Assert.Equal(1, h.Factory.Created);
        Assert.Equal(1, h.Registry.ClientCount);
    }

    [Fact]
    public async Task ReconcileAsync_MissingCredentialSecret_ReportsAuthFailedNamingIt()
    {
        using ExternalCredentialHarness h = new();
        ExternalCredentialSpec spec = VaultSpec(Data("password", "app/db"));
        h.Create("db", spec with { Provider = spec.Provider! with { Vault = spec.Provider.Vault! with { Auth = new VaultAuthSpec { TokenSecretRef = new SecretKeySelector { Name = "absent", Key = "token" } } } } });

        await h.ReconcileAsync("db");

        Condition ready = Conditions.Find(h.Status("db").Conditions, "Ready")!;
        Assert.Equal("AuthFailed", ready.Reason);
        Assert.Contains("team-a/absent", ready.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAsync_KubernetesAuth_RequestsTokenForNamedServiceAccountInOwnNamespace()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        ExternalCredentialSpec spec = VaultSpec(Data("password", "app/db"));
        h.Create("db", spec with { Provider = spec.Provider! with { Vault = spec.Provider.Vault! with { Auth = new VaultAuthSpec { Kubernetes = new VaultKubernetesAuthSpec { Role = "app", ServiceAccountRef = new ServiceAccountSelector { Name = "app", Audiences = ["vault"] } } } } } });

        await h.ReconcileAsync("db");
        VaultKubernetesAuth auth = Assert.IsType<VaultKubernetesAuth>(Assert.IsType<VaultConnection>(Assert.Single(h.Factory.Connections)).Auth);
        SensitiveString token = await auth.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal(("team-a", "app", "vault"), Assert.Single(h.Tokens.Requests));
        Assert.Equal("token-1", token.Reveal());
    }

    [Fact]
    public async Task ReconcileAsync_Synced_StatusHoldsNoValue()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "very-secret-value");
        h.Create("db", VaultSpec(Data("password", "app/db")));

        await h.ReconcileAsync("db");

        string json = JsonSerializer.Serialize(h.Credentials.Get(Namespace, "db"), OperatorJsonContext.Default.ExternalCredential);
        Assert.DoesNotContain("very-secret-value", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hvs.test-token", json, StringComparison.Ordinal);
        Assert.StartsWith("hmac-sha256:", h.Status("db").DataHash, StringComparison.Ordinal);
        Assert.All(h.Events.Events, e => Assert.DoesNotContain("very-secret-value", e.Note, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReconcileAsync_RefreshBelowMinimum_IsRaisedToMinimum()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")) with { RefreshInterval = "1s" });

        ReconcileResult result = await h.ReconcileAsync("db");

        Assert.InRange(result.Delay, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1.1));
    }

    [Fact]
    public async Task ReconcileAsync_RefreshZero_SyncsOnce()
    {
        using ExternalCredentialHarness h = new();
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")) with { RefreshInterval = "0" });

        ReconcileResult first = await h.ReconcileAsync("db");
        h.Time.Advance(TimeSpan.FromDays(3));
        ReconcileResult second = await h.ReconcileAsync("db");

        Assert.Equal((ReconcileOutcome.Done, ReconcileOutcome.Done), (first.Outcome, second.Outcome));
        Assert.Equal(1, h.Store.Reads);
    }

    /// <summary>
    /// "db" synced once with restart target "api", its value changed at the store and its refresh due, beside an
    /// ApiKey "key" of the same workload whose rotation is due now (a peer the restart waits for).
    /// </summary>
    private static async Task<ApiKey> ChangedBesideDueApiKeyAsync(ExternalCredentialHarness h)
    {
        h.Workloads.Add(Namespace, Deployment("api"));
        h.Store.Set("app/db", "pw-1");
        h.Create("db", VaultSpec(Data("password", "app/db")) with { RestartTargets = [Deployment("api")] });
        await h.ReconcileAsync("db");
        h.Store.Set("app/db", "pw-2");
        h.Time.Advance(TimeSpan.FromHours(2));
        ApiKey key = new(metadata: new V1ObjectMeta { Name = "key", NamespaceProperty = Namespace, Annotations = new Dictionary<string, string>() }, spec: new ApiKeySpec { RestartTargets = [Deployment("api")] })
        {
            Status = new ApiKeyStatus { CurrentVersion = 1, NextRotationTime = h.Time.GetUtcNow() },
        };
        h.Peers.ApiKeyList.Add(key);
        return key;
    }
}
