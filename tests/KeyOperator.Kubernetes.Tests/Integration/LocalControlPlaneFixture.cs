// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ControlPlane;

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>
/// Always a local control plane of the fixture's own, even when <c>KEYOP_TEST_KUBECONFIG</c> names a cluster: for tests
/// that need its extras (fault injection, history compaction, its token and CA, fast bookmarks, its exact wording).
/// </summary>
public sealed class LocalControlPlaneFixture : ClusterFixture
{
    public LocalControlPlane ControlPlane { get; private set; } = null!;

    protected override bool IsLongLived => false;

    protected override async Task<KubernetesClientConfiguration> ConnectAsync()
    {
        ControlPlane = await LocalControlPlane.StartAsync(new LocalControlPlaneOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) });
        return KubeconfigLoader.LoadYaml(ControlPlane.KubeconfigYaml);
    }

    protected override ValueTask DisconnectAsync() => ControlPlane.DisposeAsync();
}
