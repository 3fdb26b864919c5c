// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ExternalCredentials;
using KeyOperator.Operator.Controllers.Restarts;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Operator.Tests.Controllers.Fakes;
using KeyOperator.Providers;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Queue;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Operator.Tests.Controllers.ExternalCredentials;

/// <summary>The ExternalCredential reconciler wired to in-memory ports and a fake store behind the real registry.</summary>
internal sealed class ExternalCredentialHarness : IDisposable
{
    public const string Namespace = "team-a";

    private readonly ExternalCredentialReconciler _reconciler;

    public ExternalCredentialHarness()
    {
        ObjectVersions versions = new();
        Credentials = new InMemoryExternalCredentialStore(versions);
        Secrets = new InMemorySecretStore(versions);
        Workloads = new InMemoryWorkloadPatcher(versions);
        Factory = new FakeSecretProviderFactory(Store);
        Prometheus.CollectorRegistry registry = Prometheus.Metrics.NewCustomRegistry();
        Registry = new SecretProviderRegistry([Factory], new ProviderMetrics(registry), Options.Create(new ProviderOptions()), Time);
        Secrets.Put(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "vault-token", NamespaceProperty = Namespace },
            Data = new Dictionary<string, byte[]> { ["token"] = "hvs.test-token"u8.ToArray() },
        });
        _reconciler = new ExternalCredentialReconciler(
            Credentials,
            Secrets,
            new WorkloadRestarter(Workloads, Peers),
            new ConnectionResolver(Secrets, Tokens),
            Registry,
            Events,
            new ExternalSyncMetrics(registry),
            Options.Create(new KeyOperatorControllerOptions()),
            Time,
            NullLogger<ExternalCredentialReconciler>.Instance);
    }

    public FakeRestartPeers Peers { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

    public InMemoryExternalCredentialStore Credentials { get; }

    public InMemorySecretStore Secrets { get; }

    public InMemoryWorkloadPatcher Workloads { get; }

    public FakeSecretProvider Store { get; } = new();

    public FakeSecretProviderFactory Factory { get; }

    public FakeTokenIssuer Tokens { get; } = new();

    public RecordingEventRecorder Events { get; } = new();

    public SecretProviderRegistry Registry { get; }

    public static ExternalCredentialSpec VaultSpec(params ExternalDataSpec[] data) => new()
    {
        Provider = new ExternalProviderSpec
        {
            Vault = new VaultProviderSpec
            {
                Server = "https://vault.example:8200",
                Path = "secret",
                Auth = new VaultAuthSpec { TokenSecretRef = new SecretKeySelector { Name = "vault-token", Key = "token" } },
            },
        },
        RefreshInterval = "1h",
        Data = data,
    };

    public static ExternalDataSpec Data(string secretKey, string remoteKey, string? property = null) =>
        new() { SecretKey = secretKey, RemoteRef = new RemoteRefSpec { Key = remoteKey, Property = property } };

    public ExternalCredential Create(string name, ExternalCredentialSpec spec) =>
        Credentials.Put(new ExternalCredential(metadata: new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Generation = 1 }, spec: spec));

    public Task<ReconcileResult> ReconcileAsync(string name) =>
        _reconciler.ReconcileAsync(new ReconcileRequest<ExternalCredential>(new QueueKey(Namespace, name), Credentials.Get(Namespace, name)), CancellationToken.None);

    public string? Value(string secret, string key) =>
        Secrets.Find(Namespace, secret)?.Data?.TryGetValue(key, out byte[]? value) == true ? Encoding.UTF8.GetString(value) : null;

    public ExternalCredentialStatus Status(string name) => Credentials.Get(Namespace, name).Status!;

    public static RestartTarget Deployment(string name) => new() { Kind = WorkloadKind.Deployment, Name = name };

    public void Dispose() => Registry.Dispose();
}
