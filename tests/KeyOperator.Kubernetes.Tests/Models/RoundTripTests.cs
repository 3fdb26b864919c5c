// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Kubernetes.Tests.TestSupport;

namespace KeyOperator.Kubernetes.Tests.Models;

/// <summary>
/// Decode → encode → JSON-equal over the upstream round-trip fixtures. Fields deliberately not modelled, and so
/// removed before comparing: <c>metadata.selfLink</c> (deprecated, never set since 1.20) and, in an admission
/// response's Status, <c>metadata.selfLink</c>/<c>shardInfo</c>; a Status also gains its default kind/apiVersion there.
/// </summary>
public sealed class RoundTripTests
{
    private static readonly string[] Ignored = ["metadata.selfLink", "response.status.metadata.selfLink", "response.status.metadata.shardInfo"];

    [Fact]
    public void Secret_RoundTrips() => AssertRoundTrip("k8s-api-testdata/core.v1.Secret.json", KubernetesJsonContext.Default.Secret);

    [Fact]
    public void ConfigMap_RoundTrips() => AssertRoundTrip("k8s-api-testdata/core.v1.ConfigMap.json", KubernetesJsonContext.Default.ConfigMap);

    [Fact]
    public void Lease_RoundTripsWithMicroTime() => AssertRoundTrip("k8s-api-testdata/coordination.k8s.io.v1.Lease.json", KubernetesJsonContext.Default.Lease);

    [Fact]
    public void EventsV1Event_RoundTripsWithMicroTime() => AssertRoundTrip("k8s-api-testdata/events.k8s.io.v1.Event.json", KubernetesJsonContext.Default.Event);

    [Fact]
    public void CustomResourceDefinition_RoundTrips() =>
        AssertRoundTrip("apiextensions-testdata/apiextensions.k8s.io.v1.CustomResourceDefinition.json", KubernetesJsonContext.Default.CustomResourceDefinition);

    [Fact]
    public void AdmissionReview_RoundTrips()
    {
        JsonObject actual = AssertRoundTrip("k8s-api-testdata/admission.k8s.io.v1.AdmissionReview.json", KubernetesJsonContext.Default.AdmissionReview, removeFromActual: ["response.status.kind", "response.status.apiVersion"]);

        Assert.Equal("CustomType", (string?)actual["request"]!["object"]!["kind"]);
    }

    [Fact]
    public void Lease_MicroTime_HasSixFractionalDigits()
    {
        var lease = new Lease { Spec = new LeaseSpec { RenewTime = new DateTimeOffset(2004, 1, 1, 1, 1, 1, TimeSpan.Zero).AddTicks(40), AcquireTime = new DateTimeOffset(2004, 1, 1, 1, 1, 1, TimeSpan.Zero) } };

        JsonNode json = JsonSerializer.SerializeToNode(lease, KubernetesJsonContext.Default.Lease)!;

        Assert.Equal("2004-01-01T01:01:01.000004Z", (string?)json["spec"]!["renewTime"]);
        Assert.Equal("2004-01-01T01:01:01.000000Z", (string?)json["spec"]!["acquireTime"]);
    }

    [Fact]
    public void Deployment_UnknownFields_SurviveAnnotationChange()
    {
        const string json = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"prod"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"RollingUpdate"},
               "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}},
             "status":{"readyReplicas":3}}
            """;
        Deployment deployment = JsonSerializer.Deserialize(json, KubernetesJsonContext.Default.Deployment)!;

        Deployment restarted = deployment with
        {
            Spec = deployment.Spec! with
            {
                Template = deployment.Spec.Template! with
                {
                    Metadata = deployment.Spec.Template.Metadata! with { Annotations = new Dictionary<string, string> { ["keyoperator.io/restartedAt"] = "now" } },
                },
            },
        };
        JsonNode written = JsonSerializer.SerializeToNode(restarted, KubernetesJsonContext.Default.Deployment)!;

        JsonNode expected = JsonNode.Parse(json)!;
        expected["spec"]!["template"]!["metadata"]!["annotations"] = new JsonObject { ["keyoperator.io/restartedAt"] = "now" };
        Assert.True(JsonNode.DeepEquals(expected, written), written.ToJsonString());
    }

    [Fact]
    public void WatchEvent_DeleteOptions_SerializeAsGolden()
    {
        string json = JsonSerializer.Serialize(new DeleteOptions { DryRun = ["All"] }, KubernetesJsonContext.Default.DeleteOptions);

        Assert.Equal("""{"kind":"DeleteOptions","apiVersion":"v1","dryRun":["All"]}""", json);
    }

    private static JsonObject AssertRoundTrip<T>(string fixture, JsonTypeInfo<T> typeInfo, string[]? removeFromActual = null)
    {
        string text = File.ReadAllText(Fixtures.Path(fixture.Split('/')));
        T value = JsonSerializer.Deserialize(text, typeInfo)!;
        JsonObject actual = JsonSerializer.SerializeToNode(value, typeInfo)!.AsObject();
        JsonObject expected = JsonNode.Parse(text)!.AsObject();
        foreach (string path in Ignored)
        {
            Remove(expected, path);
        }

        foreach (string path in removeFromActual ?? [])
        {
            Remove(actual, path);
        }

        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
        return actual;
    }

    private static void Remove(JsonObject root, string path)
    {
        string[] parts = path.Split('.');
        JsonObject? current = root;
        foreach (string part in parts[..^1])
        {
            current = current?[part] as JsonObject;
        }

        current?.Remove(parts[^1]);
    }
}
