// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KeyOperator.Emulators.Vault;
using KeyOperator.LocalCluster;
using KeyOperator.Operator.Controllers.Adapters;
using KeyOperator.Operator.Controllers.ExternalCredentials;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Operator.Serialization;

namespace KeyOperator.Benchmarks.Macro;

/// <summary>
/// N ExternalCredentials on one Vault store (the emulator from tests/, HTTPS, AppRole auth, one KV v2 entry each),
/// created against <c>key-operator-local</c>'s environment in this process: time until all are Ready, then what one
/// refresh cycle costs the store (logins, token lookups, requests) and the process's memory. Issue #13 asks that
/// they share one login; the counters say whether they do.
/// </summary>
internal static class ExternalCredentialScaleScenario
{
    private const string Ns = "bench-xc";
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(int count, CancellationToken cancellationToken)
    {
        string directory = Directory.CreateTempSubdirectory("keyop-bench-").FullName;
        await using VaultEmulator vault = await VaultEmulator.StartAsync();
        vault.EnableKv("secret", 2);
        vault.AddAppRole("approle", "bench-role", "bench-secret-id", VaultTokenSpec.ReadAll);
        for (int i = 0; i < count; i++)
        {
            vault.Write("secret", Key(i), new JsonObject { ["password"] = "pw-" + i.ToString(CultureInfo.InvariantCulture) });
        }

        MemorySnapshot before = MemorySnapshot.Capture();
        await using (DevEnvironment environment = await BenchEnvironment.StartAsync(directory, cancellationToken))
        {
            using k8s.Kubernetes client = BenchClient.Create(environment.KubeconfigPath);
            MemorySnapshot idle = MemorySnapshot.Capture();
            await ControlPlaneSession.EnsureNamespaceAsync(client, Ns, cancellationToken);
            await client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = new V1ObjectMeta { Name = "approle" }, Data = new Dictionary<string, byte[]> { ["secret-id"] = Encoding.UTF8.GetBytes("bench-secret-id") } },
                Ns,
                cancellationToken: cancellationToken);
            string caBundle = Convert.ToBase64String(Encoding.UTF8.GetBytes(vault.CaPem));
            (int requests, int logins, int lookups) start = (vault.Requests, vault.LoginAttempts, vault.Lookups);

            var total = Stopwatch.StartNew();
            TimeSpan createTime = await Bulk.RunAsync(count, (i, ct) => CreateAsync(client, Credential(i, vault.BaseAddress, caBundle), ct), cancellationToken);
            Console.WriteLine($"created {count} ExternalCredentials in {createTime.TotalSeconds:0.0} s ({count / createTime.TotalSeconds:0} /s, {Bulk.Parallelism} concurrent creates)");

            int ready = 0;
            while (ready < count && total.Elapsed < Budget)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                ready = await CountReadyAsync(client, cancellationToken);
            }

            TimeSpan allReady = total.Elapsed;
            MemorySnapshot atReady = MemorySnapshot.Capture();
            (int requests, int logins, int lookups) first = (vault.Requests - start.requests, vault.LoginAttempts - start.logins, vault.Lookups - start.lookups);
            Console.WriteLine(ready == count
                ? $"all {count} Ready after {allReady.TotalSeconds:0.0} s from the first create ({count / allReady.TotalSeconds:0} /s end to end)"
                : $"ONLY {ready} of {count} Ready after {allReady.TotalSeconds:0.0} s (budget exhausted)");
            Console.WriteLine($"first sync of all: {first.requests} Vault requests, {first.logins} AppRole logins, {first.lookups} token lookups");

            // One full refresh cycle: the interval plus its largest jitter (10 %), then a little for the last reads.
            int reads0 = TotalReads(vault, count);
            (int requests, int logins, int lookups) cycleStart = (vault.Requests, vault.LoginAttempts, vault.Lookups);
            TimeSpan cycle = Refresh + Refresh / 10 + TimeSpan.FromSeconds(5);
            await Task.Delay(cycle, cancellationToken);
            int reads = TotalReads(vault, count) - reads0;
            Console.WriteLine($"one refresh cycle ({Refresh.TotalSeconds:0} s interval, measured over {cycle.TotalSeconds:0} s): {vault.Requests - cycleStart.requests} Vault requests, {reads} KV reads, {vault.LoginAttempts - cycleStart.logins} logins, {vault.Lookups - cycleStart.lookups} token lookups");
            MemorySnapshot after = MemorySnapshot.Capture();
            using Process process = Process.GetCurrentProcess();
            Console.WriteLine($"memory before start: {before}");
            Console.WriteLine($"memory idle (dev env started, no objects): {idle}");
            Console.WriteLine($"memory at all Ready: {atReady}; after one refresh cycle: {after}; peak working set {MemorySnapshot.Mib(process.PeakWorkingSet64)}");
            Console.WriteLine($"heap growth per ExternalCredential (control plane storage, operator caches, Secrets): {(after.HeapBytes - idle.HeapBytes) / (double)count:0} bytes");
        }

        Directory.Delete(directory, recursive: true);
    }

    private static string Key(int i) => "bench/db-" + i.ToString(CultureInfo.InvariantCulture);

    private static int TotalReads(VaultEmulator vault, int count)
    {
        int reads = 0;
        for (int i = 0; i < count; i++)
        {
            reads += vault.Reads("secret", Key(i));
        }

        return reads;
    }

    private static ExternalCredential Credential(int i, Uri server, string caBundle) => new(
        metadata: new V1ObjectMeta { Name = "db-" + i.ToString(CultureInfo.InvariantCulture), NamespaceProperty = Ns },
        spec: new ExternalCredentialSpec
        {
            Provider = new ExternalProviderSpec
            {
                Vault = new VaultProviderSpec
                {
                    Server = server.ToString().TrimEnd('/'),
                    Path = "secret",
                    CaBundle = caBundle,
                    Auth = new VaultAuthSpec { AppRole = new VaultAppRoleAuthSpec { Path = "approle", RoleId = "bench-role", SecretRef = new SecretKeySelector { Name = "approle", Key = "secret-id" } } },
                },
            },
            RefreshInterval = "30s",
            Data = [new ExternalDataSpec { SecretKey = "password", RemoteRef = new RemoteRefSpec { Key = Key(i), Property = "password" } }],
        });

    private static async ValueTask CreateAsync(IKubernetes client, ExternalCredential credential, CancellationToken cancellationToken) =>
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(
            CustomObjectJson.ToBody(credential, OperatorJsonContext.Default.ExternalCredential),
            ExternalCredentialResources.ExternalCredentials.Group,
            ExternalCredentialResources.ExternalCredentials.Version,
            Ns,
            ExternalCredentialResources.ExternalCredentials.Plural,
            cancellationToken: cancellationToken);

    private static async Task<int> CountReadyAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        object body = await client.CustomObjects.ListNamespacedCustomObjectAsync(
            ExternalCredentialResources.ExternalCredentials.Group, ExternalCredentialResources.ExternalCredentials.Version, Ns, ExternalCredentialResources.ExternalCredentials.Plural, cancellationToken: cancellationToken);
        IReadOnlyList<ExternalCredential> items = CustomObjectJson.FromBody(body, OperatorJsonContext.Default.CustomResourceListExternalCredential).Items ?? [];
        return items.Count(static c => c.Status?.Conditions?.Any(static x => x.Type == "Ready" && x.Status == "True") == true);
    }
}
