// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ControlPlane;
using KeyOperator.Testing;

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>
/// The cluster named by <c>KEYOP_TEST_KUBECONFIG</c> when it is set, otherwise a local control plane (real HTTPS on
/// loopback) of the fixture's own. Tests using it may rely on nothing but the Kubernetes API.
/// </summary>
public sealed class ControlPlaneFixture : ClusterFixture
{
    private LocalControlPlane? _plane;

    protected override bool IsLongLived => _plane is null;

    protected override async Task<KubernetesClientConfiguration> ConnectAsync()
    {
        if (ExternalCluster.IsConfigured)
        {
            return ExternalCluster.LoadConfiguration();
        }

        _plane = await LocalControlPlane.StartAsync(new LocalControlPlaneOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) });
        return KubeconfigLoader.LoadYaml(_plane.KubeconfigYaml);
    }

    protected override async ValueTask DisconnectAsync()
    {
        if (_plane is not null)
        {
            await _plane.DisposeAsync();
        }
    }
}
