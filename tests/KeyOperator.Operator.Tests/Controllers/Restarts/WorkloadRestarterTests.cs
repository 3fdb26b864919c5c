// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Restarts;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.Tests.Controllers.Fakes;

namespace KeyOperator.Operator.Tests.Controllers.Restarts;

public sealed class WorkloadRestarterTests
{
    private const string Ns = "team";
    private static readonly RestartTarget Api = new() { Kind = WorkloadKind.Deployment, Name = "api" };
    private static readonly RestartTarget Other = new() { Kind = WorkloadKind.Deployment, Name = "other" };

    [Fact]
    public async Task RestartAsync_ApiKeyWithChangedCredentialOnSameWorkload_OnePatchRecordsBoth()
    {
        (WorkloadRestarter restarter, InMemoryWorkloadPatcher workloads, FakeRestartPeers peers) = Create();
        peers.CredentialList.Add(Credential("db", Api, dataVersion: 3));

        await restarter.RestartAsync(Ns, "key", [Api], 2, CancellationToken.None);

        string value = Assert.Single(workloads.Patches).Value;
        Assert.Equal(2, RestartAnnotation.VersionFor(value, "key"));
        Assert.Equal(3, RestartAnnotation.VersionFor(value, "xc.db"));
    }

    [Fact]
    public async Task RestartAsync_CredentialWithCommittedApiKeyOnSameWorkload_OnePatchRecordsBoth()
    {
        (WorkloadRestarter restarter, InMemoryWorkloadPatcher workloads, FakeRestartPeers peers) = Create();
        peers.ApiKeyList.Add(Key("key", Api, currentVersion: 5));

        await restarter.RestartAsync(Ns, "xc.db", [Api], 2, CancellationToken.None);

        string value = Assert.Single(workloads.Patches).Value;
        Assert.Equal(5, RestartAnnotation.VersionFor(value, "key"));
        Assert.Equal(2, RestartAnnotation.VersionFor(value, "xc.db"));
    }

    [Theory]
    [InlineData(1, "api")]   // a first sync asks for no restart
    [InlineData(3, "other")] // another workload
    public async Task RestartAsync_CredentialPeerNotDue_NotRecorded(int dataVersion, string target)
    {
        (WorkloadRestarter restarter, InMemoryWorkloadPatcher workloads, FakeRestartPeers peers) = Create();
        peers.CredentialList.Add(Credential("db", target == "api" ? Api : Other, dataVersion));

        await restarter.RestartAsync(Ns, "key", [Api], 2, CancellationToken.None);

        string value = Assert.Single(workloads.Patches).Value;
        Assert.Null(RestartAnnotation.VersionFor(value, "xc.db"));
    }

    [Fact]
    public async Task RestartAsync_EverythingAlreadyRecorded_NoPatch()
    {
        (WorkloadRestarter restarter, InMemoryWorkloadPatcher workloads, FakeRestartPeers peers) = Create();
        peers.ApiKeyList.Add(Key("key", Api, currentVersion: 2));
        await restarter.RestartAsync(Ns, "xc.db", [Api], 2, CancellationToken.None);

        await restarter.RestartAsync(Ns, "key", [Api], 2, CancellationToken.None);
        await restarter.RestartAsync(Ns, "xc.db", [Api], 2, CancellationToken.None);

        Assert.Single(workloads.Patches);
        Assert.Equal(2, (await restarter.ReadRestartedVersionsAsync(Ns, "xc.db", [Api, Other], CancellationToken.None))[Api]);
    }

    private static (WorkloadRestarter, InMemoryWorkloadPatcher, FakeRestartPeers) Create()
    {
        InMemoryWorkloadPatcher workloads = new(new ObjectVersions());
        workloads.Add(Ns, Api);
        FakeRestartPeers peers = new();
        return (new WorkloadRestarter(workloads, peers), workloads, peers);
    }

    private static ApiKey Key(string name, RestartTarget target, int currentVersion) =>
        new(metadata: new V1ObjectMeta { Name = name, NamespaceProperty = Ns }, spec: new ApiKeySpec { RestartTargets = [target] })
        {
            Status = new ApiKeyStatus { CurrentVersion = currentVersion },
        };

    private static ExternalCredential Credential(string name, RestartTarget target, int dataVersion) =>
        new(metadata: new V1ObjectMeta { Name = name, NamespaceProperty = Ns }, spec: new ExternalCredentialSpec { RestartTargets = [target] })
        {
            Status = new ExternalCredentialStatus { DataVersion = dataVersion },
        };
}
