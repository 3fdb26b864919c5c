// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Runtime.Queue;

namespace KeyOperator.Runtime.Tests.Informers;

public sealed class InformerCacheCopyTests
{
    [Fact]
    public void Reads_WithJsonCopier_HandOutIndependentCopies()
    {
        var cache = new InformerCache<V1ConfigMap>(KubernetesObjectAccessor<V1ConfigMap>.Instance, KubernetesJsonCopier<V1ConfigMap>.Instance);
        var stored = Map("a", "1");
        cache.Upsert(stored);
        var key = new QueueKey("ns", "a");

        var got = cache.Get(key)!;
        var listed = cache.List().Single();
        var indexed = cache.ByIndex(IndexNames.Label, "app=web").Single();
        got.Metadata.Labels["app"] = "mutated";
        got.Data["value"] = "mutated";
        listed.Metadata.OwnerReferences.Clear();
        indexed.Data.Add("extra", "x");

        foreach (var read in new[] { cache.Get(key)!, cache.List().Single(), stored })
        {
            Assert.Equal("web", read.Metadata.Labels["app"]);
            Assert.Equal(new Dictionary<string, string> { ["value"] = "1" }, read.Data);
            Assert.Single(read.Metadata.OwnerReferences);
        }

        Assert.NotSame(got, cache.Get(key));
        Assert.Equal(["a"], cache.ByIndex(IndexNames.Label, "app=web").Select(m => m.Metadata.Name));
    }

    [Fact]
    public void Reads_WithoutCopier_HandOutStoredInstance()
    {
        var cache = new InformerCache<V1ConfigMap>(KubernetesObjectAccessor<V1ConfigMap>.Instance);
        var stored = Map("a", "1");
        cache.Upsert(stored);

        Assert.Same(stored, cache.Get(new QueueKey("ns", "a")));
    }

    [Fact]
    public void DeepCopy_JsonCopier_KeepsEveryFieldAndSharesNothing()
    {
        var original = Map("a", "1");
        original.BinaryData = new Dictionary<string, byte[]> { ["b"] = [1, 2] };

        var copy = KubernetesJsonCopier<V1ConfigMap>.Instance.DeepCopy(original);

        Assert.Equal(k8s.KubernetesJson.Serialize(original), k8s.KubernetesJson.Serialize(copy));
        Assert.NotSame(original.Metadata, copy.Metadata);
        Assert.NotSame(original.BinaryData["b"], copy.BinaryData["b"]);
    }

    private static V1ConfigMap Map(string name, string value) => new()
    {
        ApiVersion = "v1",
        Kind = "ConfigMap",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "ns",
            ResourceVersion = "7",
            Labels = new Dictionary<string, string> { ["app"] = "web" },
            OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Secret", Name = "owner", Uid = "u1", Controller = true }],
        },
        Data = new Dictionary<string, string> { ["value"] = value },
    };
}
