// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.CompilerServices;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Conditions;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Runtime.Queue;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Benchmarks.Informers;

/// <summary>
/// What the informer cache's copy-on-read costs one reader: <see cref="InformerCache{T}.Get"/> of one cached object
/// on a synced <see cref="Informer{T}"/>, with the copier the operator gives that informer (a JSON round trip) beside
/// the same informer without a copier, which hands out the stored instance (lock and dictionary lookup only).
/// Objects as the operator caches them: a managed token Secret (4 annotations, 1 label, 1 controller owner) and an
/// ApiKey with status (2 conditions, 2 key versions), managedFields stripped.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CacheCopyBenchmarks
{
    private static readonly QueueKey Key = new("payments", "checkout-api");

    private readonly List<IDisposable> _informers = [];
    private InformerCache<V1Secret> _secretsShared = null!;
    private InformerCache<V1Secret> _secretsCopied = null!;
    private InformerCache<ApiKey> _apiKeysShared = null!;
    private InformerCache<ApiKey> _apiKeysCopied = null!;

    [GlobalSetup]
    public void Setup()
    {
        V1Secret secret = ManagedSecret();
        ApiKey apiKey = ApiKeyWithStatus();
        _secretsShared = Start(secret, null);
        _secretsCopied = Start(secret, KubernetesJsonCopier<V1Secret>.Instance);
        _apiKeysShared = Start(apiKey, null);
        _apiKeysCopied = Start(apiKey, new SourceGeneratedCopier<ApiKey>(OperatorJsonContext.Default.ApiKey));

        // A copy that lost or changed a field would make the figures meaningless.
        Check(KubernetesJsonCopier<V1Secret>.Instance.DeepCopy(secret), secret, s => k8s.KubernetesJson.Serialize(s));
        Check(_apiKeysCopied.Get(Key)!, apiKey, a => System.Text.Json.JsonSerializer.Serialize(a, OperatorJsonContext.Default.ApiKey));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (IDisposable informer in _informers)
        {
            informer.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "Get, stored instance")]
    [BenchmarkCategory("V1Secret")]
    public V1Secret? SecretShared() => _secretsShared.Get(Key);

    [Benchmark(Description = "Get, KubernetesJsonCopier")]
    [BenchmarkCategory("V1Secret")]
    public V1Secret? SecretCopied() => _secretsCopied.Get(Key);

    [Benchmark(Baseline = true, Description = "Get, stored instance")]
    [BenchmarkCategory("ApiKey")]
    public object? ApiKeyShared() => _apiKeysShared.Get(Key);

    [Benchmark(Description = "Get, SourceGeneratedCopier")]
    [BenchmarkCategory("ApiKey")]
    public object? ApiKeyCopied() => _apiKeysCopied.Get(Key);

    private static void Check<T>(T copy, T original, Func<T, string> json)
        where T : class
    {
        if (ReferenceEquals(copy, original) || json(copy) != json(original))
        {
            throw new InvalidOperationException($"The {typeof(T).Name} copy is not a faithful deep copy.");
        }
    }

    /// <summary>A token Secret as the operator writes it and the informer caches it.</summary>
    private static V1Secret ManagedSecret() => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = Key.Name,
            NamespaceProperty = Key.Namespace,
            Uid = "5b0e7c4e-3f0a-4d8e-9b7e-2f1c9a6d4e01",
            ResourceVersion = "184467",
            CreationTimestamp = new DateTime(2026, 11, 30, 9, 15, 0, DateTimeKind.Utc),
            Labels = new Dictionary<string, string> { [ApiKeyConstants.Labels.ManagedBy] = ApiKeyConstants.Labels.ManagedByValue },
            Annotations = new Dictionary<string, string>
            {
                [ApiKeyConstants.Annotations.Version] = "2",
                [ApiKeyConstants.Annotations.Fingerprint] = Fingerprint('a'),
                [ApiKeySecretInspector.SpecHashAnnotation] = "9f2c4d1a7b3e5f60",
                ["example.com/owner-team"] = "payments",
            },
            OwnerReferences =
            [
                new V1OwnerReference
                {
                    ApiVersion = ApiKeyConstants.ApiVersion,
                    Kind = ApiKeyConstants.Kind,
                    Name = Key.Name,
                    Uid = "0d7c2b9e-61f4-4a3c-8e5d-7a9b1c2d3e4f",
                    Controller = true,
                    BlockOwnerDeletion = true,
                },
            ],
        },
        Type = ApiKeyConstants.SecretTypes.Opaque,

        // Default token format: "ko_" and 256 bits of entropy, base64url.
        Data = new Dictionary<string, byte[]>
        {
            [ApiKeyConstants.DataKeys.Token] = Encoding.ASCII.GetBytes("ko_q8Zk3N1vXc0bR7tYp2LmW9sHf4JdG6uEa5KiOxTnVyB"),
        },
    };

    /// <summary>An ApiKey after one rotation: Ready and RotationPolicyReady, current and previous key versions.</summary>
    private static ApiKey ApiKeyWithStatus()
    {
        DateTimeOffset created = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);
        DateTimeOffset rotated = created.AddDays(30);
        return new ApiKey(
            metadata: new V1ObjectMeta
            {
                Name = Key.Name,
                NamespaceProperty = Key.Namespace,
                Uid = "0d7c2b9e-61f4-4a3c-8e5d-7a9b1c2d3e4f",
                ResourceVersion = "184470",
                Generation = 1,
                CreationTimestamp = created.UtcDateTime,
            },
            spec: new ApiKeySpec { RotationPolicyRef = new RotationPolicyReference { Name = "monthly" } })
        {
            Status = new ApiKeyStatus
            {
                ObservedGeneration = 1,
                Conditions =
                [
                    new Condition { Type = ConditionTypes.Ready, Status = ConditionStatus.True, ObservedGeneration = 1, LastTransitionTime = rotated, Reason = ApiKeyReasons.KeyReady, Message = "Secret checkout-api holds key version 2" },
                    new Condition { Type = ApiKeyReasons.RotationPolicyReady, Status = ConditionStatus.True, ObservedGeneration = 1, LastTransitionTime = created, Reason = ApiKeyReasons.PolicyFound, Message = "RotationPolicy monthly: cron 0 0 1 * *" },
                ],
                SecretName = Key.Name,
                Format = ApiKeyFormat.Token,
                CurrentVersion = 2,
                Fingerprint = Fingerprint('a'),
                Keys =
                [
                    new KeyVersionStatus { Version = 2, Fingerprint = Fingerprint('a'), CreatedAt = rotated, State = KeyVersionState.Current },
                    new KeyVersionStatus { Version = 1, Fingerprint = Fingerprint('b'), CreatedAt = created, NotAfter = rotated.AddHours(1), State = KeyVersionState.Previous },
                ],
                NextRotationTime = rotated.AddDays(30),
                LastRotationTime = rotated,
            },
        };
    }

    private static string Fingerprint(char digit) => "sha256:" + new string(digit, 64);

    /// <summary>An informer over a source holding <paramref name="obj"/>, synced; its watch stays open until disposed.</summary>
    private InformerCache<T> Start<T>(T obj, IObjectCopier<T>? copier)
        where T : class, k8s.IKubernetesObject<V1ObjectMeta>
    {
        var informer = new Informer<T>(
            new StaticSource<T>(obj),
            KubernetesObjectAccessor<T>.Instance,
            new InformerOptions { Name = "bench-" + typeof(T).Name.ToLowerInvariant() },
            TimeProvider.System,
            NullLogger<Informer<T>>.Instance,
            copier);
        informer.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        informer.WaitForSyncAsync(CancellationToken.None).GetAwaiter().GetResult();
        _informers.Add(informer);
        return informer.Cache;
    }

    /// <summary>Lists one object once; the watch delivers nothing until the informer stops.</summary>
    private sealed class StaticSource<T>(T obj) : IListWatchSource<T>
        where T : class
    {
        public Task<ListPage<T>> ListPageAsync(ListRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new ListPage<T>([obj], "1", null));

        public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            yield break;
        }
    }
}
