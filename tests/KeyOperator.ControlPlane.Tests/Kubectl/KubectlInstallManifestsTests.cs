// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Tests.Kubectl;

/// <summary>The plain-manifest install of the operator (config/), applied with the real kubectl.</summary>
public sealed class KubectlInstallManifestsTests
{
    // PodDisruptionBudgetSpec.selector has patchStrategy "replace", and kubectl's three-way diff always puts a replaced
    // map into the patch, so a reapply reports the PDB "configured" on a cluster too (the object does not change).
    private const string Pdb = "poddisruptionbudget.policy/key-operator";

    // Every object of config/manager, config/crd, config/rbac and config/webhook as kubectl names it in its output.
    private static readonly string[] Objects =
    [
        "namespace/key-operator",
        "serviceaccount/key-operator",
        "configmap/key-operator-policy",
        "deployment.apps/key-operator",
        Pdb,
        "customresourcedefinition.apiextensions.k8s.io/apikeys.keyoperator.io",
        "customresourcedefinition.apiextensions.k8s.io/rotationpolicies.keyoperator.io",
        "clusterrole.rbac.authorization.k8s.io/key-operator",
        "clusterrolebinding.rbac.authorization.k8s.io/key-operator",
        "role.rbac.authorization.k8s.io/key-operator-leader-election",
        "rolebinding.rbac.authorization.k8s.io/key-operator-leader-election",
        "service/key-operator-webhook",
        "validatingwebhookconfiguration.admissionregistration.k8s.io/key-operator",
    ];

    private static readonly string[] ApplyArguments =
    [
        "apply",
        "-f", Path.Combine(RepositoryPaths.Root, "config", "manager"),
        "-f", Path.Combine(RepositoryPaths.Root, "config", "crd"),
        "-f", Path.Combine(RepositoryPaths.Root, "config", "rbac"),
        "-f", Path.Combine(RepositoryPaths.Root, "config", "webhook"),
    ];

    [Fact]
    public async Task KubectlApply_InstallManifests_CreatesGetsAndReappliesAsOnACluster()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);

        var first = await kubectl.RunAsync(ApplyArguments);
        var gets = new List<(int ExitCode, string Stdout, string Stderr)>();
        foreach (var args in GetArguments)
        {
            gets.Add(await kubectl.RunAsync(args));
        }

        var second = await kubectl.RunAsync(ApplyArguments);

        AssertApplied(first);
        AssertApplied(second);
        foreach (var name in Objects)
        {
            Assert.Contains(name + " created", first.Stdout, StringComparison.Ordinal);
            Assert.Contains(name + (name == Pdb ? " configured" : " unchanged"), second.Stdout, StringComparison.Ordinal);
        }

        foreach (var (get, args) in gets.Zip(GetArguments))
        {
            Assert.True(get.ExitCode == 0, string.Join(' ', args) + ": " + get.Stderr);
            Assert.Contains(args[2], get.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task KubectlApiResources_StorageOnlyKinds_ListedWithShortNamesAndCategories()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);

        var resources = await kubectl.RunAsync("api-resources", "--no-headers");
        var all = await kubectl.RunAsync("api-resources", "--categories=all", "-o", "name");

        Assert.True(resources.ExitCode == 0, resources.Stderr);
        var lines = resources.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        Assert.Contains("services svc v1 true Service", lines);
        Assert.Contains("poddisruptionbudgets pdb policy/v1 true PodDisruptionBudget", lines);
        Assert.Contains("clusterroles rbac.authorization.k8s.io/v1 false ClusterRole", lines);
        Assert.Contains("clusterrolebindings rbac.authorization.k8s.io/v1 false ClusterRoleBinding", lines);
        Assert.Contains("roles rbac.authorization.k8s.io/v1 true Role", lines);
        Assert.Contains("rolebindings rbac.authorization.k8s.io/v1 true RoleBinding", lines);
        Assert.Contains("services", all.Stdout.Split('\n'));
    }

    private static readonly string[][] GetArguments =
    [
        ["get", "deployment", "key-operator", "-n", "key-operator"],
        ["get", "service", "key-operator-webhook", "-n", "key-operator"],
        ["get", "pdb", "key-operator", "-n", "key-operator"],
        ["get", "clusterrole", "key-operator"],
        ["get", "clusterrolebinding", "key-operator"],
        ["get", "role", "key-operator-leader-election", "-n", "key-operator"],
        ["get", "rolebinding", "key-operator-leader-election", "-n", "key-operator"],
        ["get", "validatingwebhookconfiguration", "key-operator"],
    ];

    private static void AssertApplied((int ExitCode, string Stdout, string Stderr) result) =>
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.Stderr);
}
