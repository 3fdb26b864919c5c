// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>
/// Decodes <c>application/vnd.kubernetes.protobuf</c> request bodies, which kubectl 1.32+ sends from its typed
/// <c>create namespace|configmap|secret|serviceaccount|deployment</c> generators (and never retries as JSON on 415).
/// </summary>
/// <remarks>
/// Envelope: the magic <c>k8s\0</c>, then a <c>runtime.Unknown</c> {1 typeMeta {1 apiVersion, 2 kind}, 2 raw,
/// 3 contentEncoding, 4 contentType} (k8s.io/apimachinery <c>pkg/runtime/generated.proto</c>,
/// <c>pkg/runtime/serializer/protobuf/protobuf.go</c>). The result is the JSON the same object would have had,
/// with Go's <c>omitempty</c> applied, so it can go through the same path as a JSON body.
/// </remarks>
public static class KubernetesProtobuf
{
    /// <summary>The media type of Kubernetes protobuf bodies.</summary>
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private static ReadOnlySpan<byte> Magic => "k8s\0"u8;

    private static readonly Dictionary<(string ApiVersion, string Kind), ProtoMessage> Kinds = new()
    {
        [("v1", "Namespace")] = CoreV1Messages.Namespace,
        [("v1", "ConfigMap")] = CoreV1Messages.ConfigMap,
        [("v1", "Secret")] = CoreV1Messages.Secret,
        [("v1", "ServiceAccount")] = CoreV1Messages.ServiceAccount,
        [("v1", "Event")] = CoreV1Messages.Event,
        [("apps/v1", "Deployment")] = AppsV1Messages.Deployment,
        [("authentication.k8s.io/v1", "TokenRequest")] = AuthenticationV1Messages.TokenRequest,
        [("authentication.k8s.io/v1", "TokenReview")] = AuthenticationV1Messages.TokenReview,
    };

    /// <summary>True when <see cref="Decode"/> understands objects of this kind.</summary>
    /// <param name="apiVersion">Such as <c>v1</c> or <c>apps/v1</c>.</param>
    /// <param name="kind">Such as <c>ConfigMap</c>.</param>
    public static bool IsSupported(string apiVersion, string kind) => Kinds.ContainsKey((apiVersion, kind));

    /// <summary>Decodes a protobuf body into the equivalent JSON object, with <c>apiVersion</c> and <c>kind</c> first.</summary>
    /// <param name="body">The whole request body, starting with <c>k8s\0</c>.</param>
    /// <exception cref="FormatException">The body is not a well-formed Kubernetes protobuf envelope.</exception>
    /// <exception cref="NotSupportedException">The kind is not supported or the raw object is compressed (answer 415).</exception>
    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            throw new FormatException("The body does not start with the Kubernetes protobuf magic 'k8s\\0'.");
        }

        var apiVersion = string.Empty;
        var kind = string.Empty;
        var contentEncoding = string.Empty;
        ReadOnlySpan<byte> raw = default;
        var reader = new ProtoReader(body[Magic.Length..]);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            if (wireType != ProtoReader.LengthDelimited)
            {
                reader.Skip(wireType);
                continue;
            }

            var data = reader.ReadLengthDelimited();
            switch (number)
            {
                case 1:
                    var typeMeta = ProtoDecoder.Decode(data, MetaV1Messages.RuntimeTypeMeta);
                    apiVersion = (string?)typeMeta["apiVersion"] ?? string.Empty;
                    kind = (string?)typeMeta["kind"] ?? string.Empty;
                    break;
                case 2:
                    raw = data;
                    break;
                case 3:
                    contentEncoding = System.Text.Encoding.UTF8.GetString(data);
                    break;
            }
        }

        if (contentEncoding.Length > 0)
        {
            throw new NotSupportedException("Protobuf bodies with content encoding '" + contentEncoding + "' are not supported.");
        }

        if (!Kinds.TryGetValue((apiVersion, kind), out var message))
        {
            throw new NotSupportedException("Protobuf bodies of " + apiVersion + ", Kind=" + kind + " are not supported; send JSON.");
        }

        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (name, value) in ProtoDecoder.Decode(raw, message).ToList())
        {
            result[name] = value?.DeepClone();
        }

        return result;
    }
}
