// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;
using KeyOperator.Tests.Infrastructure;
using static KeyOperator.Tests.ApiKeys.ApiKeyTestSupport;

namespace KeyOperator.Tests.Rotation;

/// <summary>
/// The rotation tests trust <see cref="SecretHistory"/> to hold every Secret version: a watch the server ends is
/// resumed without losing or repeating a version, and a watch that cannot be resumed fails the test instead of
/// leaving a hole.
/// </summary>
/// <remarks>Its own control plane, because closing every watch also disturbs the operator's informers.</remarks>
public sealed class SecretHistoryTests(OperatorFixture fixture) : IClassFixture<OperatorFixture>
{
    [Fact]
    public async Task ServerClosesWatch_HistoryResumesFromLastVersion_NothingLostOrRepeated()
    {
        string ns = await fixture.CreateNamespaceAsync("history");
        IKubernetes client = fixture.Environment.Client;
        await using SecretHistory history = await SecretHistory.StartAsync(client);

        V1Secret first = await client.CoreV1.CreateNamespacedSecretAsync(Plain(ns, "one"), ns);
        await EventuallyAsync(() => Task.FromResult(history.Of(ns, "s")), v => v.Count == 1, "the first version in the history");

        fixture.Environment.ControlPlane.Faults.CloseAllWatches();
        first.StringData = new Dictionary<string, string> { ["value"] = "two" };
        V1Secret second = await client.CoreV1.ReplaceNamespacedSecretAsync(first, "s", ns);
        await EventuallyAsync(() => Task.FromResult(history.Of(ns, "s")), v => v.Count >= 2, "the second version in the history");

        Assert.Equal(
            [first.Metadata.ResourceVersion, second.Metadata.ResourceVersion],
            history.Of(ns, "s").Select(s => s.Metadata.ResourceVersion));
        Assert.Equal(["one", "two"], history.Of(ns, "s").Select(s => Encoding.UTF8.GetString(s.Data!["value"])));
    }

    [Fact]
    public async Task WatchExpired_ReadingOrDisposingHistoryThrows()
    {
        string ns = await fixture.CreateNamespaceAsync("expired");
        IKubernetes client = fixture.Environment.Client;
        SecretHistory history = await SecretHistory.StartAsync(client);
        await client.CoreV1.CreateNamespacedSecretAsync(Plain(ns, "one"), ns);
        await EventuallyAsync(() => Task.FromResult(history.Of(ns, "s")), v => v.Count == 1, "the first version in the history");

        // A real apiserver sends this when the history was compacted under the watch.
        fixture.Environment.ControlPlane.Faults.CloseAllWatches(sendExpired: true);

        IOException? failure = await EventuallyAsync(
            () => Task.FromResult(Record.Exception(() => history.Versions) as IOException),
            e => e is not null,
            "the history to report the expired watch");
        Assert.True(KubernetesErrors.IsGone(failure!.InnerException!), failure.ToString());
        await Assert.ThrowsAsync<IOException>(async () => await history.DisposeAsync());
    }

    private static V1Secret Plain(string ns, string value) => new()
    {
        Metadata = new V1ObjectMeta { Name = "s", NamespaceProperty = ns },
        StringData = new Dictionary<string, string> { ["value"] = value },
    };
}
