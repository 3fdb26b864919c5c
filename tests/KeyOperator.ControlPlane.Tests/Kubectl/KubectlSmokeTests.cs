// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Tests.Kubectl;

/// <summary>Drives the real kubectl (v1.32 dispatcher at /usr/bin/kubectl) against the control plane.</summary>
public sealed class KubectlSmokeTests
{
    private const string ConfigMapYaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cm1
          namespace: default
        data:
          a: b
        """;

    internal const string CrdYaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wi], categories: [all, example]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            additionalPrinterColumns:
            - {name: Size, type: string, jsonPath: .spec.size}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: string, enum: [S, M, L]}
                      color: {type: string}
                  status:
                    type: object
                    x-kubernetes-preserve-unknown-fields: true
        """;

    internal const string WidgetYaml = """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: w1
          namespace: default
        spec:
          size: S
          color: red
        """;

    [Fact]
    public async Task KubectlVersion_AgainstControlPlane_PrintsServerVersion()
    {
        Assert.True(KubectlRunner.Available, "kubectl is part of the machine image");
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);

        var (exit, stdout, stderr) = await kubectl.RunAsync("version");

        Assert.True(exit == 0, stderr);
        Assert.Contains("Server Version: v1.32.4", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlApplyGetDelete_ConfigMap_RoundTrips()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        var file = kubectl.WriteFile("cm.yaml", ConfigMapYaml);

        var apply = await kubectl.RunAsync("apply", "-f", file);
        var reapply = await kubectl.RunAsync("apply", "-f", file);
        var get = await kubectl.RunAsync("get", "configmap", "cm1", "-o", "jsonpath={.data.a}");
        var delete = await kubectl.RunAsync("delete", "-f", file);
        var after = await kubectl.RunAsync("get", "configmap", "cm1");

        Assert.True(apply.ExitCode == 0, apply.Stderr);
        Assert.Contains("configmap/cm1 created", apply.Stdout, StringComparison.Ordinal);
        Assert.Contains("configmap/cm1 unchanged", reapply.Stdout, StringComparison.Ordinal);
        Assert.Equal("b", get.Stdout);
        Assert.Contains("configmap \"cm1\" deleted", delete.Stdout, StringComparison.Ordinal);
        Assert.Contains("Error from server (NotFound): configmaps \"cm1\" not found", after.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlApply_CrdThenCustomResource_CreatesListsAndValidates()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);

        var crd = await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("crd.yaml", CrdYaml));
        var wait = await kubectl.RunAsync("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=20s");
        var widget = await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("w.yaml", WidgetYaml));
        var get = await kubectl.RunAsync("get", "wi");
        var invalid = await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("bad.yaml", WidgetYaml.Replace("size: S", "size: XL", StringComparison.Ordinal)));
        var delete = await kubectl.RunAsync("delete", "widget", "w1");

        Assert.True(crd.ExitCode == 0, crd.Stderr);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created", crd.Stdout, StringComparison.Ordinal);
        Assert.True(wait.ExitCode == 0, wait.Stderr);
        Assert.True(widget.ExitCode == 0, widget.Stderr);
        Assert.Contains("widget.example.com/w1 created", widget.Stdout, StringComparison.Ordinal);
        Assert.True(get.ExitCode == 0, get.Stderr);
        Assert.Contains("w1", get.Stdout, StringComparison.Ordinal);
        Assert.Contains("SIZE", get.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("spec.size: Unsupported value: \"XL\": supported values: \"S\", \"M\", \"L\"", invalid.Stderr, StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 0, delete.Stderr);
        Assert.Contains("widget.example.com \"w1\" deleted", delete.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlCreateAndDeleteNamespace_ProtobufBody_Works()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);

        var create = await kubectl.RunAsync("create", "namespace", "demo");
        var configMap = await kubectl.RunAsync("create", "configmap", "cfg", "-n", "demo", "--from-literal=a=b");
        var get = await kubectl.RunAsync("get", "ns", "demo");
        var delete = await kubectl.RunAsync("delete", "namespace", "demo", "--timeout=30s");
        var after = await plane.GetAsync("/api/v1/namespaces/demo");

        Assert.True(create.ExitCode == 0, create.Stderr);
        Assert.Contains("namespace/demo created", create.Stdout, StringComparison.Ordinal);
        Assert.True(configMap.ExitCode == 0, configMap.Stderr);
        Assert.Contains("Active", get.Stdout, StringComparison.Ordinal);
        Assert.True(delete.ExitCode == 0, delete.Stderr);
        Assert.Contains("namespace \"demo\" deleted", delete.Stdout, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, after.Status);
    }

    [Fact]
    public async Task KubectlServerSideApplyAndPatch_CustomResource_ReportNoChangeCorrectly()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("crd.yaml", CrdYaml));
        var widgetFile = kubectl.WriteFile("w.yaml", WidgetYaml);

        var ssa = await kubectl.RunAsync("apply", "--server-side", "-f", widgetFile);
        var ssaAgain = await kubectl.RunAsync("apply", "--server-side", "-f", widgetFile);
        var patch = await kubectl.RunAsync("patch", "widget", "w1", "--type=merge", "-p", "{\"spec\":{\"color\":\"blue\"}}");
        var noop = await kubectl.RunAsync("patch", "widget", "w1", "--type=merge", "-p", "{\"spec\":{\"color\":\"blue\"}}");
        var strategic = await kubectl.RunAsync("patch", "widget", "w1", "-p", "{\"spec\":{\"color\":\"green\"}}");
        var label = await kubectl.RunAsync("label", "widget", "w1", "tier=gold");
        var status = await kubectl.RunAsync("patch", "widget", "w1", "--subresource=status", "--type=merge", "-p", "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}");
        var wait = await kubectl.RunAsync("wait", "--for=condition=Ready", "widget/w1", "--timeout=20s");
        var dryRun = await kubectl.RunAsync("delete", "widget", "w1", "--dry-run=server");

        Assert.True(ssa.ExitCode == 0, ssa.Stderr);
        Assert.Contains("widget.example.com/w1 serverside-applied", ssa.Stdout, StringComparison.Ordinal);
        Assert.True(ssaAgain.ExitCode == 0, ssaAgain.Stderr);
        Assert.Contains("widget.example.com/w1 patched", patch.Stdout, StringComparison.Ordinal);
        Assert.Contains("widget.example.com/w1 patched (no change)", noop.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, strategic.ExitCode);
        Assert.Contains("application/strategic-merge-patch+json is not supported", strategic.Stderr, StringComparison.Ordinal);
        Assert.Contains("widget.example.com/w1 labeled", label.Stdout, StringComparison.Ordinal);
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.True(wait.ExitCode == 0, wait.Stderr);
        Assert.Contains("condition met", wait.Stdout, StringComparison.Ordinal);
        Assert.Contains("(server dry run)", dryRun.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlUnauthorized_WrongToken_PrintsLoginError()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);

        var result = await kubectl.RunAsync("get", "configmaps", "--token=wrong");

        Assert.Equal(1, result.ExitCode);
        Assert.True(result.Stderr.Contains("You must be logged in to the server", StringComparison.Ordinal), result.Stderr);
    }

    [Fact]
    public async Task KubectlClientSideThenServerSideApply_MigratesAndApplies()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("crd.yaml", CrdYaml));
        await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("w.yaml", WidgetYaml));

        var ssa = await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("w2.yaml", WidgetYaml.Replace("size: S", "size: M", StringComparison.Ordinal)));
        var size = await kubectl.RunAsync("get", "widget", "w1", "-o", "jsonpath={.spec.size}");
        var conflict = await kubectl.RunAsync("apply", "--server-side", "--field-manager=other", "-f", kubectl.WriteFile("w3.yaml", WidgetYaml.Replace("size: S", "size: L", StringComparison.Ordinal)));

        Assert.True(ssa.ExitCode == 0, ssa.Stderr);
        Assert.Equal("M", size.Stdout);
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("conflict", conflict.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KubectlGetWatch_StreamHeldOpen_PrintsLaterChanges()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        await plane.CreateAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"first"}}""");
        using var process = kubectl.Start("get", "configmaps", "-w");
        try
        {
            var firstLine = await ReadLineContainingAsync(process, "first");
            await plane.CreateAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"second"}}""");
            var secondLine = await ReadLineContainingAsync(process, "second");

            Assert.Contains("first", firstLine, StringComparison.Ordinal);
            Assert.Contains("second", secondLine, StringComparison.Ordinal);
            Assert.False(process.HasExited);
        }
        finally
        {
            process.Kill();
        }
    }

    private static async Task<string> ReadLineContainingAsync(System.Diagnostics.Process process, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("kubectl ended: " + await process.StandardError.ReadToEndAsync(timeout.Token));
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }
}
