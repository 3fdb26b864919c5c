// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.Admission;

/// <summary>Every policy rule, denied and allowed, as the real kubectl prints it for a real cluster.</summary>
public sealed class AdmissionRulesEndToEndTests(PolicyOperatorFixture fixture) : IClassFixture<PolicyOperatorFixture>
{
    [Theory]
    [InlineData("  hmac:\n    bytes: 16\n", "spec.hmac.bytes: 16 is below the cluster minimum of 32 (policy minHmacBytes)")]
    [InlineData("  rsa:\n    bits: 2048\n", "spec.rsa.bits: 2048 is below the cluster minimum of 3072 (policy minRsaBits)")]
    [InlineData("  token:\n    entropyBits: 160\n", "spec.token.entropyBits: 160 is below the cluster minimum of 192 (policy minTokenEntropyBits)")]
    [InlineData("  secretTemplate:\n    labels:\n      app.kubernetes.io/managed-by: someone-else\n", "(rule reservedMetadata)")]
    public async Task ApplyApiKey_ViolatesRule_DeniedNamingFieldAndRule(string spec, string message)
    {
        string ns = await fixture.CreateNamespaceAsync("rule");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "key", spec));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("admission webhook \"apikeys.keyoperator.io\" denied the request: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  hmac:\n    bytes: 32\n")]
    [InlineData("  rsa:\n    bits: 3072\n")]
    [InlineData("  ecdsa: {}\n")]
    public async Task ApplyApiKey_MeetsPolicy_Admitted(string spec)
    {
        string ns = await fixture.CreateNamespaceAsync("allowed");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "key", spec));

        result.EnsureSuccess();
    }

    [Fact]
    public async Task ApplyApiKey_SecretNameManagedByAnotherApiKey_Denied()
    {
        string ns = await fixture.CreateNamespaceAsync("unique");
        await ApplyAsync(fixture, ApiKeyYaml(ns, "first", "  secretName: shared\n"));
        await WaitReadyAsync(fixture, ns, "first");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "second", "  secretName: shared\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("spec.secretName: Secret \"shared\" is already managed by ApiKey \"first\" (rule uniqueSecretName)", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyApiKey_TwoFormats_RefusedByTheSchemaBeforeAnyWebhook()
    {
        string ns = await fixture.CreateNamespaceAsync("twoformats");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", ApiKeyYaml(ns, "key", "  token: {}\n  hmac: {}\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The ApiKey \"key\" is invalid", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  schedule:\n    every: 4320h\n  gracePeriod: 2h\n", "spec.schedule.every: 4320h is above the cluster maximum of 2160h (policy maxRotationInterval)")]
    [InlineData("  schedule:\n    cron: \"0 0 1 1 *\"\n  gracePeriod: 2h\n", "(policy maxRotationInterval)")]
    [InlineData("  schedule:\n    every: 720h\n  gracePeriod: 30m\n", "spec.gracePeriod: 30m is below the cluster minimum of 1h (policy minGracePeriod)")]
    [InlineData("  schedule:\n    every: 720h\n  strategy: Immediate\n", "(policy minGracePeriod)")]
    [InlineData("  schedule:\n    cron: \"0 0 * * *\"\n    timeZone: Mars/Base\n  gracePeriod: 2h\n", "(rule InvalidTimeZone)")]
    public async Task ApplyRotationPolicy_ViolatesRule_DeniedNamingFieldAndRule(string spec, string message)
    {
        string ns = await fixture.CreateNamespaceAsync("rprule");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", RotationPolicyYaml(ns, spec));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("admission webhook \"rotationpolicies.keyoperator.io\" denied the request: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyRotationPolicy_WithinLimits_Admitted()
    {
        string ns = await fixture.CreateNamespaceAsync("rpok");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply -f -", RotationPolicyYaml(ns, "  schedule:\n    every: 720h\n  gracePeriod: 2h\n"));

        result.EnsureSuccess();
    }

    [Fact]
    public async Task ApplyApiKey_DryRunServerOfViolation_DeniedWithSameMessageAndNothingStored()
    {
        string ns = await fixture.CreateNamespaceAsync("dryrun");

        KubectlResult result = await fixture.Kubectl.RunAsync("apply --dry-run=server -f -", ApiKeyYaml(ns, "key", "  hmac:\n    bytes: 16\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("(policy minHmacBytes)", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, (await fixture.Kubectl.RunAsync($"get apikey key -n {ns}")).ExitCode);
    }

    private static string RotationPolicyYaml(string ns, string spec) =>
        $"apiVersion: keyoperator.io/v1alpha1\nkind: RotationPolicy\nmetadata:\n  name: policy\n  namespace: {ns}\nspec:\n{spec}";
}
