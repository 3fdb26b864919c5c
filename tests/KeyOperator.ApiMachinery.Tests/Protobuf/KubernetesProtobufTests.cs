// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Protobuf;

namespace KeyOperator.ApiMachinery.Tests.Protobuf;

public sealed class KubernetesProtobufTests
{
    /// <summary>The body of <c>kubectl create ns demo</c> as recorded in kubectl-requests.md §1.3.</summary>
    private const string CreateNamespaceHex =
        "6b3873000a0f0a02763112094e616d657370616365121c0a140a0464656d6f12001a0022002a0032003800420012001a020a001a002200";

    [Theory]
    [InlineData("create-namespace-demo")]
    [InlineData("create-namespace-dry-run")]
    [InlineData("create-configmap-cm1")]
    [InlineData("create-configmap-binary")]
    [InlineData("create-secret-generic-s1")]
    [InlineData("create-secret-basic-auth-s2")]
    [InlineData("create-secret-binary")]
    [InlineData("create-serviceaccount-sa1")]
    [InlineData("create-deployment-web")]
    [InlineData("create-deployment-multi")]
    public void Decode_CapturedKubectlBody_EqualsKubectlsOwnJson(string name)
    {
        var body = File.ReadAllBytes(Path.Combine("TestData", "protobuf", name + ".bin"));
        var expected = WithoutNulls(JsonNode.Parse(File.ReadAllText(Path.Combine("TestData", "protobuf", name + ".json"))));

        var decoded = KubernetesProtobuf.Decode(body);

        Assert.True(JsonNode.DeepEquals(expected, decoded), "expected " + expected!.ToJsonString() + "\nactual   " + decoded.ToJsonString());
    }

    [Fact]
    public void Decode_ReferenceBody_IsNamespaceDemo()
    {
        var body = Convert.FromHexString(CreateNamespaceHex);
        Assert.Equal(55, body.Length);

        var decoded = KubernetesProtobuf.Decode(body);

        Assert.Equal("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"demo"},"spec":{},"status":{}}""", decoded.ToJsonString());
    }

    [Fact]
    public void Decode_FullObjectMeta_MapsEveryField()
    {
        var meta = Message(
            Str(1, "n"), Str(2, "gen-"), Str(3, "ns"), Str(5, "uid-1"), Str(6, "42"), Varint(7, 3),
            Bytes(8, Concat(Varint(1, 1735689600), Varint(2, 500_000_000))),
            Bytes(9, Varint(1, 1735689660)), Varint(10, 30),
            Bytes(11, Concat(Str(1, "app"), Str(2, "x"))), Bytes(12, Concat(Str(1, "note"), Str(2, "hi"))),
            Bytes(13, Concat(Str(5, "apps/v1"), Str(1, "Deployment"), Str(3, "d"), Str(4, "u2"), Varint(6, 1), Varint(7, 0))),
            Str(14, "kubernetes"), Str(14, "example.com/cleanup"),
            Bytes(17, Concat(Str(1, "kubectl"), Str(2, "Update"), Bytes(7, Str(1, """{"f:data":{}}""")))),
            Str(99, "unknown fields are skipped"));
        var body = Envelope("v1", "ConfigMap", Bytes(1, meta));

        var decoded = KubernetesProtobuf.Decode(body);

        var expected = JsonNode.Parse("""
            {"name":"n","generateName":"gen-","namespace":"ns","uid":"uid-1","resourceVersion":"42","generation":3,
             "creationTimestamp":"2025-01-01T00:00:00Z","deletionTimestamp":"2025-01-01T00:01:00Z","deletionGracePeriodSeconds":30,
             "labels":{"app":"x"},"annotations":{"note":"hi"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"d","uid":"u2","controller":true,"blockOwnerDeletion":false}],
             "finalizers":["kubernetes","example.com/cleanup"],"managedFields":[{"manager":"kubectl","operation":"Update","fieldsV1":{"f:data":{}}}]}
            """)!;
        Assert.Equal(expected.ToJsonString(), decoded["metadata"]!.ToJsonString());
    }

    [Fact]
    public void Decode_EventWithMicroTime_WritesSixFractionalDigits()
    {
        var body = Envelope("v1", "Event", Concat(
            Bytes(1, Str(1, "e1")), Bytes(2, Concat(Str(1, "ApiKey"), Str(3, "k1"))), Str(3, "Rotated"), Varint(8, 2),
            Bytes(10, Concat(Varint(1, 1735689600), Varint(2, 123_456_000))), Str(14, string.Empty)));

        var decoded = KubernetesProtobuf.Decode(body);

        Assert.Equal("2025-01-01T00:00:00.123456Z", (string?)decoded["eventTime"]);
        Assert.Equal("ApiKey", (string?)decoded["involvedObject"]!["kind"]);
        Assert.Equal(2, (int)decoded["count"]!);
        Assert.Equal(string.Empty, (string?)decoded["reportingComponent"]);
    }

    [Fact]
    public void Decode_DeploymentStrategyIntOrString_WritesNumberAndString()
    {
        var rolling = Concat(Bytes(1, Concat(Varint(1, 0), Varint(2, 1))), Bytes(2, Concat(Varint(1, 1), Str(3, "25%"))));
        var body = Envelope("apps/v1", "Deployment", Bytes(2, Bytes(4, Concat(Str(1, "RollingUpdate"), Bytes(2, rolling)))));

        var decoded = KubernetesProtobuf.Decode(body);

        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":"25%"}}""", decoded["spec"]!["strategy"]!.ToJsonString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("6b387300")]
    [InlineData("6b3873000a")]
    [InlineData("6b3873000aff")]
    [InlineData("6b3873000a020a")]
    [InlineData("7b226b696e64223a7d")]
    public void Decode_Malformed_ThrowsFormatException(string hex)
    {
        var body = Convert.FromHexString(hex);

        var exception = Record.Exception(() => KubernetesProtobuf.Decode(body));

        Assert.True(exception is FormatException or NotSupportedException, exception?.ToString() ?? "no exception");
        if (hex.Length <= 8)
        {
            Assert.True(hex.Length < 8 ? exception is FormatException : exception is NotSupportedException);
        }
    }

    [Fact]
    public void Decode_UnsupportedKind_ThrowsNotSupported()
    {
        var body = Envelope("batch/v1", "Job", Bytes(1, Str(1, "j")));

        Assert.Throws<NotSupportedException>(() => KubernetesProtobuf.Decode(body));
        Assert.False(KubernetesProtobuf.IsSupported("batch/v1", "Job"));
        Assert.True(KubernetesProtobuf.IsSupported("apps/v1", "Deployment"));
    }

    [Fact]
    public void Decode_ContentEncoding_ThrowsNotSupported()
    {
        var body = Concat("k8s\0"u8.ToArray(), Bytes(1, Concat(Str(1, "v1"), Str(2, "Namespace"))), Bytes(2, []), Str(3, "gzip"));

        Assert.Throws<NotSupportedException>(() => KubernetesProtobuf.Decode(body));
    }

    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj.ToList())
            {
                if (value is null)
                {
                    obj.Remove(name);
                }
                else
                {
                    WithoutNulls(value);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                WithoutNulls(item);
            }
        }

        return node;
    }

    private static byte[] Envelope(string apiVersion, string kind, byte[] raw) =>
        Concat("k8s\0"u8.ToArray(), Bytes(1, Concat(Str(1, apiVersion), Str(2, kind))), Bytes(2, raw), Str(3, string.Empty), Str(4, string.Empty));

    private static byte[] Message(params byte[][] fields) => Concat(fields);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static byte[] Str(int field, string value) => Bytes(field, System.Text.Encoding.UTF8.GetBytes(value));

    private static byte[] Bytes(int field, byte[] value) => Concat(VarintBytes((ulong)(field << 3 | 2)), VarintBytes((ulong)value.Length), value);

    private static byte[] Varint(int field, long value) => Concat(VarintBytes((ulong)(field << 3)), VarintBytes(unchecked((ulong)value)));

    private static byte[] VarintBytes(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
