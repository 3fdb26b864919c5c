// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Kubernetes.Tests.TestSupport;

namespace KeyOperator.Kubernetes.Tests.Client;

/// <summary>
/// Each verb must put on the wire what client-go's dynamic client sends (fixtures
/// <c>client-go-dynamic-golden/TestGoldenRequest</c>), answered with the captured apiserver responses.
/// Deliberate differences: apply always sends <c>fieldManager</c> (the server requires it; client-go's golden request
/// omits it) and fills in <c>apiVersion</c>/<c>kind</c>; delete has no subresource form, so its path lacks <c>/fin</c>;
/// deletecollection is not implemented.
/// </summary>
public sealed class GoldenRequestTests
{
    private static readonly ResourceType Flips = new() { Group = "flops", Version = "v1alpha1", Plural = "flips", Kind = "Flip", Namespaced = true };
    private static readonly JsonObject Mips = new() { ["metadata"] = new JsonObject { ["name"] = "mips" } };

    public static TheoryData<string> Verbs => ["get", "list", "create", "update", "updatestatus", "patch", "apply", "applystatus", "delete"];

    [Theory]
    [MemberData(nameof(Verbs))]
    public async Task Verb_SameRequestAsClientGo(string verb)
    {
        await using var server = new RawHttpServer(r => Response(r.Target.Contains("/flips?", StringComparison.Ordinal) ? "list" : "nonlist"));
        using var client = CreateClient(server);

        await Invoke(client, verb);

        CapturedRequest expected = CapturedRequest.Parse(File.ReadAllText(Fixtures.Path("client-go-dynamic-golden", "TestGoldenRequest", verb)));
        CapturedRequest actual = Assert.Single(server.Requests);
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(ExpectedTarget(verb, expected.Target), actual.Target);
        Assert.Equal(expected.ContentType, actual.ContentType);
        Assert.Equal("application/json", actual.Headers["Accept"]);
        if (expected.Body.Length > 0)
        {
            JsonNode expectedBody = JsonNode.Parse(expected.Body)!;
            JsonNode actualBody = JsonNode.Parse(actual.Body)!;
            if (verb.StartsWith("apply", StringComparison.Ordinal))
            {
                actualBody.AsObject().Remove("apiVersion");
                actualBody.AsObject().Remove("kind");
            }

            Assert.True(JsonNode.DeepEquals(expectedBody, actualBody), actual.Body);
        }
    }

    [Fact]
    public async Task Get_ServerUrlWithPathPrefix_KeepsPrefix()
    {
        await using var server = new RawHttpServer(_ => Response("nonlist"));
        using var client = new KubernetesClient(new KubernetesClientConfiguration { Server = new Uri(server.BaseAddress, "k8s/clusters/c-1") });

        await client.GetAsync(ResourceType.ServiceAccounts, "default", "foobar", KubernetesJsonContext.Default.ServiceAccount);

        Assert.Equal("/k8s/clusters/c-1/api/v1/namespaces/default/serviceaccounts/foobar", Assert.Single(server.Requests).Target);
    }

    [Fact]
    public async Task Get_GoldenResponse_Decodes()
    {
        await using var server = new RawHttpServer(_ => Response("nonlist"));
        using var client = CreateClient(server);

        ServiceAccount account = await client.GetAsync(ResourceType.ServiceAccounts, "default", "foobar", KubernetesJsonContext.Default.ServiceAccount);

        Assert.Equal("a6bb38b5-67ca-4d0d-bd87-da746a94c8a5", account.Metadata.Uid);
        Assert.Equal(new DateTimeOffset(2024, 9, 20, 17, 16, 28, TimeSpan.Zero), account.Metadata.CreationTimestamp);
    }

    [Fact]
    public async Task List_GoldenResponse_ItemsWithoutKindDecode()
    {
        await using var server = new RawHttpServer(_ => Response("list"));
        using var client = CreateClient(server);

        KubernetesList<ServiceAccount> list = await client.ListAsync(
            ResourceType.ServiceAccounts, "default", KubernetesJsonContext.Default.KubernetesListServiceAccount);

        Assert.Equal("222", list.Metadata.ResourceVersion);
        Assert.Equal("foobar", Assert.Single(list.Items).Metadata.Name);
    }

    [Fact]
    public async Task Watch_GoldenRequestAndStream_MatchClientGo()
    {
        await using var server = new RawHttpServer(_ => Response("events"));
        using var client = CreateClient(server);

        var events = new List<WatchEvent<JsonObject>>();
        await foreach (WatchEvent<JsonObject> e in client.WatchObjectsAsync(Flips, "mops", new WatchOptions { ResourceVersion = "42", AllowWatchBookmarks = false }))
        {
            events.Add(e);
        }

        CapturedRequest expected = CapturedRequest.Parse(File.ReadAllText(Fixtures.Path("client-go-dynamic-golden", "TestGoldenRequest", "watch")));
        Assert.Equal(expected.Target, Assert.Single(server.Requests).Target);
        var decoded = JsonNode.Parse(File.ReadAllText(Fixtures.Path("client-go-dynamic-golden", "TestGoldenResponse", "watch")))!.AsArray();
        Assert.Equal(decoded.Count, events.Count);
        for (int i = 0; i < events.Count; i++)
        {
            Assert.Equal((string?)decoded[i]!["type"], events[i].Type.ToString().ToUpperInvariant());
            Assert.True(JsonNode.DeepEquals(decoded[i]!["object"], events[i].Object));
        }

        Assert.Equal(["217", "964"], events.Select(e => e.ResourceVersion));
    }

    private static async Task Invoke(KubernetesClient client, string verb)
    {
        JsonObject mips = Mips.DeepClone().AsObject();
        switch (verb)
        {
            case "get":
                await client.GetAsync(Flips, "mops", "mips", KubernetesJsonContext.Default.JsonObject, new GetOptions { ResourceVersion = "42", Subresource = "fin" });
                break;
            case "list":
                await client.ListObjectsAsync(Flips, "mops", new ListOptions { ResourceVersion = "42" });
                break;
            case "create":
                await client.CreateObjectAsync(Flips, mips, new WriteOptions { FieldValidation = "warn", Subresource = "fin" });
                break;
            case "update":
                await client.ReplaceObjectAsync(Flips, mips, new WriteOptions { FieldValidation = "warn", Subresource = "fin" });
                break;
            case "updatestatus":
                await client.ReplaceStatusAsync(Flips, mips, KubernetesJsonContext.Default.JsonObject, new WriteOptions { FieldValidation = "warn" });
                break;
            case "patch":
                await client.PatchObjectAsync(
                    Flips, "mops", "mips", KubernetesPatch.StrategicMerge(new JsonObject { ["foo"] = "bar" }), new WriteOptions { FieldManager = "baz", Subresource = "fin" });
                break;
            case "apply":
                await client.ApplyObjectAsync(Flips, mips, new ApplyOptions { FieldManager = "test", Force = true, Subresource = "fin" });
                break;
            case "applystatus":
                await client.ApplyStatusAsync(Flips, mips, KubernetesJsonContext.Default.JsonObject, new ApplyOptions { FieldManager = "test", Force = true });
                break;
            case "delete":
                await client.DeleteAsync(Flips, "mops", "mips", new DeleteOptions { DryRun = ["All"] });
                break;
        }
    }

    private static string ExpectedTarget(string verb, string golden) => verb switch
    {
        "apply" or "applystatus" => golden.Replace("?force=true", "?fieldManager=test&force=true", StringComparison.Ordinal),
        "delete" => golden.Replace("/mips/fin", "/mips", StringComparison.Ordinal),
        _ => golden,
    };

    private static KubernetesClient CreateClient(RawHttpServer server) =>
        new(new KubernetesClientConfiguration { Server = server.BaseAddress, Namespace = "mops" }, new KubernetesClientOptions { MaxRetries = 0 });

    private static byte[] Response(string name) =>
        RawHttpServer.WithConnectionClose(File.ReadAllBytes(Fixtures.Path("client-go-dynamic-golden", "TestGoldenResponse", "responses", name)));
}
