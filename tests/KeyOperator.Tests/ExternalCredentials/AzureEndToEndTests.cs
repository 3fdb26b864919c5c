// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using k8s.Models;
using KeyOperator.Emulators.Azure;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.ExternalCredentials;

/// <summary>
/// ExternalCredential end to end with the real Azure SDK against the Key Vault and Entra ID emulator over HTTPS:
/// a client secret from a Secret, and workload identity (a TokenRequest token as client assertion, checked by the
/// emulator with a TokenReview at the local control plane).
/// </summary>
public sealed class AzureEndToEndTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>, IAsyncLifetime
{
    private AzureEmulator? _azure;

    private AzureEmulator Azure => _azure!;

    public async Task InitializeAsync() => _azure = await AzureEmulator.StartAsync();

    public async Task DisposeAsync()
    {
        if (_azure is not null)
        {
            await _azure.DisposeAsync();
        }
    }

    [Fact]
    public async Task Apply_ClientSecret_SyncsSecret()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-azure");
        Azure.Login.AddClientSecret(Azure.TenantId, "app-1", "client-secret-1");
        Azure.Vault.SetSecret("db-password", "from-key-vault");
        Azure.Vault.GrantAll("app-1");
        (await fixture.Kubectl.RunAsync($"create secret generic azure -n {ns} --from-literal=client-secret=client-secret-1")).EnsureSuccess();

        await ApplyAsync(fixture, Credential(ns, "db", "        clientSecret: {clientId: app-1, secretRef: {name: azure, key: client-secret}}\n"));
        await WaitReadyAsync(ns, "db");

        Assert.Equal("from-key-vault", Text(await GetSecretAsync(fixture, ns, "db"), "password"));
    }

    [Fact]
    public async Task Apply_WorkloadIdentity_SyncsWithServiceAccountAssertion()
    {
        string ns = await fixture.CreateNamespaceAsync("xc-azure-wi");
        Azure.Login.AddFederatedClient(Azure.TenantId, "app-wi");
        Azure.Login.AssertionValidator = (assertion, clientId, _) =>
        {
            var review = fixture.Environment.ControlPlane.ReviewServiceAccountToken(assertion, ["api://AzureADTokenExchange"]);
            return Task.FromResult(clientId == "app-wi" && review.Authenticated && review.Username == $"system:serviceaccount:{ns}:app");
        };
        Azure.Vault.SetSecret("db-password", "via-federation");
        Azure.Vault.GrantAll("app-wi");
        (await fixture.Kubectl.RunAsync($"create serviceaccount app -n {ns}")).EnsureSuccess();

        await ApplyAsync(fixture, Credential(ns, "db", "        workloadIdentity: {clientId: app-wi, serviceAccountRef: {name: app}}\n"));
        await WaitReadyAsync(ns, "db");

        Assert.Equal("via-federation", Text(await GetSecretAsync(fixture, ns, "db"), "password"));
    }

    private string Credential(string ns, string name, string authYaml) =>
        $"apiVersion: keyoperator.io/v1alpha1\nkind: ExternalCredential\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  provider:\n    azureKeyVault:\n      vaultUrl: {Azure.VaultUrl.ToString().TrimEnd('/')}\n      tenantId: {Azure.TenantId}\n      authorityHost: {Azure.AuthorityHost.ToString().TrimEnd('/')}\n      caBundle: {Convert.ToBase64String(Encoding.UTF8.GetBytes(Azure.CaPem))}\n      auth:\n{authYaml}  data:\n  - secretKey: password\n    remoteRef: {{key: db-password}}\n";

    private async Task WaitReadyAsync(string ns, string name) =>
        (await fixture.Kubectl.RunAsync($"wait --for=condition=Ready externalcredential/{name} -n {ns} --timeout=60s", timeout: TimeSpan.FromSeconds(90))).EnsureSuccess();

    private static string? Text(V1Secret secret, string key) =>
        secret.Data?.TryGetValue(key, out byte[]? value) == true ? Encoding.UTF8.GetString(value) : null;
}
