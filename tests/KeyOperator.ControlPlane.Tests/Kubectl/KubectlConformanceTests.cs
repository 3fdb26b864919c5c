// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Reflection;
using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Tests.Kubectl;

/// <summary>The kubectl conformance suite (issue #3 §6): everyday commands of the real kubectl, each test on a fresh
/// control plane and kubectl cache. Commands already covered by <see cref="KubectlSmokeTests"/> are not repeated.</summary>
public sealed class KubectlConformanceTests
{
    private static readonly string FixtureDirectory = SharedFixtures.ThirdPartyCrds;

    private static string RepositoryRoot => typeof(KubectlConformanceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private static void Ok((int ExitCode, string Stdout, string Stderr) result, string expectedStdout)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains(expectedStdout, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KubectlGet_OutputFormatsSelectorsAllNamespacesAndCategories_RenderAsOnACluster()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        Ok(await kubectl.RunAsync("create", "namespace", "demo"), "namespace/demo created");
        Ok(await kubectl.RunAsync("create", "configmap", "gold", "-n", "demo", "--from-literal=a=b"), "configmap/gold created");
        Ok(await kubectl.RunAsync("label", "configmap", "gold", "-n", "demo", "tier=gold"), "configmap/gold labeled");
        Ok(await kubectl.RunAsync("create", "configmap", "plain", "--from-literal=c=d"), "configmap/plain created");
        Ok(await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("crd.yaml", KubectlSmokeTests.CrdYaml)), "created");
        Ok(await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("w.yaml", KubectlSmokeTests.WidgetYaml)), "widget.example.com/w1 created");

        var json = await kubectl.RunAsync("get", "cm", "-n", "demo", "-l", "tier=gold", "-o", "json");
        var yaml = await kubectl.RunAsync("get", "configmap", "plain", "-o", "yaml");
        var wide = await kubectl.RunAsync("get", "widgets", "-o", "wide");
        var all = await kubectl.RunAsync("get", "cm", "-A", "--show-labels");
        var notGold = await kubectl.RunAsync("get", "cm", "-A", "-l", "tier!=gold", "-o", "name");
        var category = await kubectl.RunAsync("get", "example");
        var allCategory = await kubectl.RunAsync("get", "all");
        var shortName = await kubectl.RunAsync("get", "wi", "w1", "-o", "jsonpath={.spec.size}");

        Ok(json, "\"kind\": \"List\"");
        var items = JsonNode.Parse(json.Stdout)!["items"]!.AsArray();
        Assert.Equal("gold", Assert.Single(items)!["metadata"]!["name"]!.GetValue<string>());
        Ok(yaml, "kind: ConfigMap");
        Assert.Contains("  c: d", yaml.Stdout, StringComparison.Ordinal);
        Ok(wide, "SIZE");
        Assert.Matches(@"(?m)^NAMESPACE\s+NAME\s+DATA\s+AGE\s+LABELS$", all.Stdout);
        Assert.Matches(@"(?m)^demo\s+gold\s+1\s+\S+\s+tier=gold$", all.Stdout);
        Ok(notGold, "configmap/plain");
        Assert.DoesNotContain("configmap/gold", notGold.Stdout, StringComparison.Ordinal);
        Ok(category, "w1");
        Ok(allCategory, "widget.example.com/w1");
        Assert.Equal("S", shortName.Stdout);
    }

    [Fact]
    public async Task KubectlDescribeAndExplain_OwnCrd_PrintFieldsAndDescriptions()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        Ok(await kubectl.RunAsync("apply", "-f", Path.Combine(RepositoryRoot, "config/crd/keyoperator.io_apikeys.yaml")), "customresourcedefinition.apiextensions.k8s.io/apikeys.keyoperator.io created");
        var key = kubectl.WriteFile("key.yaml", """
            apiVersion: keyoperator.io/v1alpha1
            kind: ApiKey
            metadata:
              name: k1
              namespace: default
            spec:
              token: {}
            """);
        Ok(await kubectl.RunAsync("apply", "-f", key), "apikey.keyoperator.io/k1 created");

        var describe = await kubectl.RunAsync("describe", "apikey", "k1");
        var describeNs = await kubectl.RunAsync("describe", "namespace", "default");
        var explainBuiltIn = await kubectl.RunAsync("explain", "configmap.data");
        var explain = await kubectl.RunAsync("explain", "apikeys.spec.secretName");
        var tooMany = await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("bad.yaml", """
            apiVersion: keyoperator.io/v1alpha1
            kind: ApiKey
            metadata:
              name: k2
              namespace: default
            spec:
              token: {}
              hmac: {}
            """));

        Ok(describe, "Name:         k1");
        Assert.Contains("Kind:         ApiKey", describe.Stdout, StringComparison.Ordinal);
        Ok(describeNs, "Status:       Active");
        Ok(explainBuiltIn, "FIELD: data <map[string]string>");
        Ok(explain, "FIELD: secretName <string>");
        Assert.Contains("Name of the Secret that receives the key", explain.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, tooMany.ExitCode);
        Assert.Equal(
            "The ApiKey \"k2\" is invalid: <nil>: Invalid value: \"\": \"spec\" must validate one and only one schema (oneOf). Found 2 valid alternatives\n",
            tooMany.Stderr);
    }

    [Fact]
    public async Task KubectlAnnotatePatchAndReplace_BuiltIns_ApplyAndDetectConflicts()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        Ok(await kubectl.RunAsync("create", "configmap", "cm1", "--from-literal=a=b"), "configmap/cm1 created");
        var stale = kubectl.WriteFile("stale.yaml", (await kubectl.RunAsync("get", "configmap", "cm1", "-o", "yaml")).Stdout);

        var annotate = await kubectl.RunAsync("annotate", "configmap", "cm1", "note=hello");
        var json = await kubectl.RunAsync("patch", "configmap", "cm1", "--type=json", "-p", """[{"op":"add","path":"/data/b","value":"c"}]""");
        var strategic = await kubectl.RunAsync("patch", "configmap", "cm1", "-p", """{"data":{"d":"e"}}""");
        var failedTest = await kubectl.RunAsync("patch", "configmap", "cm1", "--type=json", "-p", """[{"op":"test","path":"/data/a","value":"zzz"}]""");
        var replace = await kubectl.RunAsync("replace", "-f", stale);
        var data = await kubectl.RunAsync("get", "configmap", "cm1", "-o", "jsonpath={.data}");
        var secret = await kubectl.RunAsync("create", "secret", "generic", "s1", "--from-literal=password=hunter2");
        var secretType = await kubectl.RunAsync("get", "secret", "s1", "-o", "jsonpath={.type}");

        Ok(annotate, "configmap/cm1 annotated");
        Ok(json, "configmap/cm1 patched");
        Ok(strategic, "configmap/cm1 patched");
        Assert.Equal(1, failedTest.ExitCode);
        Assert.Equal(1, replace.ExitCode);
        Assert.Equal(
            $"Error from server (Conflict): error when replacing \"{stale}\": Operation cannot be fulfilled on configmaps \"cm1\": the object has been modified; please apply your changes to the latest version and try again\n",
            replace.Stderr);
        Assert.Equal("""{"a":"b","b":"c","d":"e"}""", data.Stdout);
        Ok(secret, "secret/s1 created");
        Assert.Equal("Opaque", secretType.Stdout);
    }

    [Fact]
    public async Task KubectlApplyDryRunServer_ClientAndServerSide_PersistNothing()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        var file = kubectl.WriteFile("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dry\n");

        var clientSide = await kubectl.RunAsync("apply", "--dry-run=server", "-f", file);
        var serverSide = await kubectl.RunAsync("apply", "--server-side", "--dry-run=server", "-f", file);
        var create = await kubectl.RunAsync("create", "--dry-run=server", "-f", file);
        var get = await kubectl.RunAsync("get", "namespace", "dry");

        Ok(clientSide, "namespace/dry created (server dry run)");
        Ok(serverSide, "namespace/dry serverside-applied (server dry run)");
        Ok(create, "namespace/dry created (server dry run)");
        Assert.Equal("Error from server (NotFound): namespaces \"dry\" not found\n", get.Stderr);
    }

    [Fact]
    public async Task KubectlDelete_FinalizerHoldsUntilRemoved_ThenOwnerGarbageCollects()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        Ok(await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("held.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: held\n  finalizers: [example.com/hold]\n")), "configmap/held created");
        Ok(await kubectl.RunAsync("create", "configmap", "owner"), "configmap/owner created");
        var uid = (await kubectl.RunAsync("get", "configmap", "owner", "-o", "jsonpath={.metadata.uid}")).Stdout;
        Ok(await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("dep.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dependent\n  ownerReferences:\n  - {{apiVersion: v1, kind: ConfigMap, name: owner, uid: {uid}}}\n")), "configmap/dependent created");

        var delete = await kubectl.RunAsync("delete", "configmap", "held", "--wait=false");
        var pending = await kubectl.RunAsync("get", "configmap", "held", "-o", "jsonpath={.metadata.deletionTimestamp}");
        var release = await kubectl.RunAsync("patch", "configmap", "held", "--type=json", "-p", """[{"op":"remove","path":"/metadata/finalizers"}]""");
        var gone = await kubectl.RunAsync("get", "configmap", "held");
        var deleteOwner = await kubectl.RunAsync("delete", "configmap", "owner");
        var dependent = await kubectl.RunAsync("get", "configmap", "dependent");

        Ok(delete, "configmap \"held\" deleted");
        Assert.NotEmpty(pending.Stdout);
        Ok(release, "configmap/held patched");
        Assert.Equal("Error from server (NotFound): configmaps \"held\" not found\n", gone.Stderr);
        Ok(deleteOwner, "configmap \"owner\" deleted");
        Assert.Equal("Error from server (NotFound): configmaps \"dependent\" not found\n", dependent.Stderr);
    }

    [Fact]
    public async Task KubectlApply_ThirdPartyCrds_InstallAndServeTheirResources()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);

        var install = await kubectl.RunAsync("apply", "-f", FixtureDirectory);
        var password = await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("p.yaml", """
            apiVersion: generators.external-secrets.io/v1alpha1
            kind: Password
            metadata:
              name: p1
              namespace: default
            spec: {}
            """));
        var length = await kubectl.RunAsync("get", "passwords.generators.external-secrets.io", "p1", "-o", "jsonpath={.spec.length}");
        var resources = await kubectl.RunAsync("api-resources", "--api-group=cert-manager.io", "-o", "name");

        Ok(install, "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io created");
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/externalsecrets.external-secrets.io created", install.Stdout, StringComparison.Ordinal);
        Ok(password, "password.generators.external-secrets.io/p1 serverside-applied");
        Assert.Equal("24", length.Stdout);
        Ok(resources, "certificates.cert-manager.io");
    }

    [Fact]
    public async Task KubectlGetWatch_RequestTimeout_PrintsThenEndsCleanly()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        Ok(await kubectl.RunAsync("create", "configmap", "watched"), "configmap/watched created");

        var watch = await kubectl.RunAsync("get", "configmaps", "-w", "--request-timeout=2s");

        Ok(watch, "watched");
    }

    [Fact]
    public async Task KubectlApply_UnknownField_StrictValidationRejectsAsApiserver()
    {
        await using var plane = await TestPlane.StartAsync();
        using var kubectl = await KubectlRunner.CreateAsync(plane.Plane);
        Ok(await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("crd.yaml", KubectlSmokeTests.CrdYaml)), "created");
        var file = kubectl.WriteFile("w.yaml", KubectlSmokeTests.WidgetYaml + "\n  bogus: 1\n");

        var strict = await kubectl.RunAsync("apply", "-f", file);
        var warn = await kubectl.RunAsync("apply", "--validate=warn", "-f", file);

        Assert.Equal(1, strict.ExitCode);
        Assert.Equal(
            $"Error from server (BadRequest): error when creating \"{file}\": Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.bogus\"\n",
            strict.Stderr);
        Ok(warn, "widget.example.com/w1 created");
        Assert.Equal("Warning: unknown field \"spec.bogus\"\n", warn.Stderr);
    }
}
