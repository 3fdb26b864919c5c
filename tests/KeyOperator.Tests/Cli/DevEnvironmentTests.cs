// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.LocalCluster;
using KeyOperator.Tests.Infrastructure;

namespace KeyOperator.Tests.Cli;

public sealed class DevEnvironmentTests
{
    [Fact]
    public async Task StartAsync_ControlPlaneOnly_CrdsServedAndNoOperatorRunning()
    {
        string directory = Directory.CreateTempSubdirectory("keyop-dev-").FullName;
        try
        {
            StringWriter output = new();
            await using DevEnvironment environment = await DevEnvironment.StartAsync(
                new DevOptions { KubeconfigPath = Path.Combine(directory, "kubeconfig"), StartOperator = false },
                output,
                CancellationToken.None);
            using Kubectl kubectl = new(environment.KubeconfigPath);

            KubectlResult resources = (await kubectl.RunAsync("api-resources --api-group=keyoperator.io -o name")).EnsureSuccess();
            Assert.Equal(["apikeys.keyoperator.io", "externalcredentials.keyoperator.io", "rotationpolicies.keyoperator.io"], resources.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
            Assert.Contains("Operator not started", output.ToString(), StringComparison.Ordinal);
            Assert.Throws<InvalidOperationException>(() => environment.MetricsAddress);
            V1LeaseList leases = await environment.Client.CoordinationV1.ListNamespacedLeaseAsync("key-operator");
            Assert.Empty(leases.Items);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
