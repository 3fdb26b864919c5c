// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Controllers.Restarts;
using KeyOperator.Operator.Controllers.RotationPolicies;
using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.Hsm;
using KeyOperator.Operator.Keys;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Operator.Tests.Controllers.Fakes;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Runtime.Queue;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Operator.Tests.Controllers.ApiKeys;

/// <summary>
/// The ApiKey reconciler wired as in production, but to in-memory ports instead of the library's adapters, with the
/// real key generator and a fake clock.
/// </summary>
internal sealed class ReconcilerHarness : IDisposable
{
    public const string Namespace = "team";

    private readonly KeyGenerator _generator;

    /// <param name="hsm">With it, ApiKeys with spec.source.hsm derive through it and <paramref name="hsmSettings"/> decide who may.</param>
    /// <param name="hsmSettings">The configured HSMs.</param>
    /// <param name="namespaceLabels">Namespace labels for the HSMs' selectors.</param>
    public ReconcilerHarness(IHsmKeySource? hsm = null, HsmSettings? hsmSettings = null, INamespaceLabelLookup? namespaceLabels = null)
    {
        _generator = hsm is null ? new KeyGenerator() : new KeyGenerator(new HsmKeyDeriver(hsm), 2);
        HsmSourceGate? gate = hsm is null ? null : new HsmSourceGate(new HsmCatalog(hsmSettings ?? HsmSettings.Empty, "key-operator"), namespaceLabels ?? new NoNamespaceLabels());
        ObjectVersions versions = new();
        ApiKeys = new InMemoryApiKeyStore(versions);
        Secrets = new InMemorySecretStore(versions);
        ConfigMaps = new InMemoryConfigMapStore(versions);
        Workloads = new InMemoryWorkloadPatcher(versions);
        Informer<ApiKey> apiKeyInformer = Inert<ApiKey>("apikeys");
        Informer<RotationPolicy> policyInformer = Inert<RotationPolicy>("rotationpolicies");
        RotationMetrics metrics = new(Prometheus.Metrics.NewCustomRegistry());
        ApiKeyStatusWriter statusWriter = new(ApiKeys, Time);
        VerifierPublisher verifier = new(ConfigMaps);
        ApiKeyRotator rotator = new(
            Secrets,
            _generator,
            statusWriter,
            new WorkloadRestarter(Workloads, Peers),
            verifier,
            Events,
            metrics,
            Options.Create(new KeyOperatorControllerOptions()),
            Time,
            NullLogger<ApiKeyRotator>.Instance);
        Reconciler = new ApiKeyReconciler(
            ApiKeys,
            Secrets,
            _generator,
            Events,
            verifier,
            statusWriter,
            rotator,
            new RotationPolicyResolver(policyInformer, apiKeyInformer),
            metrics,
            Time,
            NullLogger<ApiKeyReconciler>.Instance,
            gate,
            hsm is null ? null : new HsmKeyPairJanitor(hsm, NullLogger<HsmKeyPairJanitor>.Instance));
    }

    /// <summary>The ApiKeys and ExternalCredentials the restarter sees as sharing workloads (the informer caches in production).</summary>
    public FakeRestartPeers Peers { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

    public InMemoryApiKeyStore ApiKeys { get; }

    public InMemorySecretStore Secrets { get; }

    public InMemoryConfigMapStore ConfigMaps { get; }

    public InMemoryWorkloadPatcher Workloads { get; }

    public RecordingEventRecorder Events { get; } = new();

    public ApiKeyReconciler Reconciler { get; }

    public ApiKey AddApiKey(string name, ApiKeySpec? spec = null) =>
        ApiKeys.Add(new ApiKey(metadata: new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Generation = 1 }, spec: spec));

    /// <summary>One reconcile of the ApiKey as the store holds it now, as a worker would run it from the cache.</summary>
    public Task<ReconcileResult> ReconcileAsync(string name) =>
        Reconciler.ReconcileAsync(new ReconcileRequest<ApiKey>(new QueueKey(Namespace, name), ApiKeys.Get(Namespace, name)), CancellationToken.None);

    public void Dispose() => _generator.Dispose();

    private sealed class NoNamespaceLabels : INamespaceLabelLookup
    {
        public ValueTask<IReadOnlyDictionary<string, string>?> GetLabelsAsync(string namespaceName, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(null);
    }

    private Informer<T> Inert<T>(string name)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta> =>
        new(new InertListWatchSource<T>(), KubernetesObjectAccessor<T>.Instance, new InformerOptions { Name = name }, Time, NullLogger<Informer<T>>.Instance);
}
