// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Serialization;

namespace KeyOperator.Operator.Tests.ApiKeys;

public sealed class ApiKeySerializationTests
{
    [Fact]
    public void Deserialize_FullObject_ReadsEveryField()
    {
        const string Json = """
            {
              "apiVersion": "keyoperator.io/v1alpha1", "kind": "ApiKey",
              "metadata": {"name": "billing", "namespace": "shop", "generation": 3},
              "spec": {
                "ecdsa": {"curve": "P-384"},
                "secretName": "billing-key",
                "secretTemplate": {"labels": {"team": "pay"}},
                "adoptExistingSecret": true,
                "verifier": {},
                "rotationPolicyRef": {"name": "monthly"},
                "restartTargets": [{"kind": "StatefulSet", "name": "api"}]
              },
              "status": {
                "observedGeneration": 3, "secretName": "billing-key", "format": "ecdsa", "currentVersion": 2,
                "fingerprint": "sha256:00",
                "conditions": [{"type": "Ready", "status": "True", "reason": "KeyReady", "lastTransitionTime": "2026-01-02T03:04:05Z"}],
                "keys": [{"version": 2, "fingerprint": "sha256:00", "createdAt": "2026-01-02T03:04:05Z", "state": "Current"},
                         {"version": 1, "state": "Previous", "notAfter": "2026-02-01T00:00:00Z"}],
                "nextRotationTime": "2026-02-01T00:00:00Z", "lastRotateAnnotation": "now",
                "rotation": {"phase": "Done", "anything": [1, 2]}
              }
            }
            """;

        ApiKey key = JsonSerializer.Deserialize(Json, OperatorJsonContext.Default.ApiKey)!;

        Assert.Equal(EcdsaCurve.P384, key.Spec.Ecdsa!.Curve);
        Assert.True(key.Spec.TryGetFormat(out ApiKeyFormat format));
        Assert.Equal(ApiKeyFormat.Ecdsa, format);
        Assert.Equal("pay", key.Spec.SecretTemplate!.Labels!["team"]);
        Assert.True(key.Spec.AdoptExistingSecret);
        Assert.NotNull(key.Spec.Verifier);
        Assert.Null(key.Spec.Verifier.ConfigMapName);
        Assert.Equal("monthly", key.Spec.RotationPolicyRef!.Name);
        Assert.Equal(WorkloadKind.StatefulSet, Assert.Single(key.Spec.RestartTargets!).Kind);
        Assert.Equal(ApiKeyFormat.Ecdsa, key.Status!.Format);
        Assert.Equal(2, key.Status.CurrentVersion);
        Assert.Equal(KeyVersionState.Previous, key.Status.Keys![1].State);
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), key.Status.NextRotationTime);
        Assert.Equal("Done", (string?)key.Status.Rotation!["phase"]);
    }

    [Fact]
    public void Deserialize_EmptyFormatBlocks_UseDocumentedDefaults()
    {
        ApiKeySpec spec = JsonSerializer.Deserialize("""{"token":{}}""", OperatorJsonContext.Default.ApiKeySpec)!;
        BasicAuthSpec basic = JsonSerializer.Deserialize("""{"username":"u"}""", OperatorJsonContext.Default.BasicAuthSpec)!;

        Assert.Equal("ko_", spec.Token!.Prefix);
        Assert.Equal(256, spec.Token.EntropyBits);
        Assert.Equal(32, new HmacSpec().Bytes);
        Assert.Equal(3072, new RsaSpec().Bits);
        Assert.Equal(EcdsaCurve.P256, new EcdsaSpec().Curve);
        Assert.Equal((32, true, true, true, false), (basic.PasswordLength, basic.Lowercase, basic.Uppercase, basic.Digits, basic.Symbols));
    }

    [Fact]
    public void Deserialize_ApiKeyWithoutSpec_MeansDefaultToken()
    {
        ApiKey key = JsonSerializer.Deserialize("""{"metadata":{"name":"k"}}""", OperatorJsonContext.Default.ApiKey)!;

        Assert.NotNull(key.Spec);
        Assert.True(key.Spec.TryGetFormat(out ApiKeyFormat format));
        Assert.Equal(ApiKeyFormat.Token, format);
        Assert.Equal("keyoperator.io/v1alpha1", key.ApiVersion);
        Assert.Equal("ApiKey", key.Kind);
    }

    [Theory]
    [InlineData("""{"metadata":{"name":"k"}}""", "k", null)]
    [InlineData("""{"metadata":{"name":"k"},"spec":{"secretName":"s","verifier":{}}}""", "s", "k-verifier")]
    [InlineData("""{"metadata":{"name":"k"},"spec":{"verifier":{"configMapName":"pub"}}}""", "k", "pub")]
    public void Resolve_Names_FollowSpecOrDefaults(string json, string secretName, string? verifierName)
    {
        ApiKey key = JsonSerializer.Deserialize(json, OperatorJsonContext.Default.ApiKey)!;

        Assert.Equal(secretName, key.ResolveSecretName());
        Assert.Equal(verifierName, key.ResolveVerifierConfigMapName());
    }

    [Fact]
    public void Deserialize_EmptyObjectOfEveryApiKeyType_LeavesNoNonNullablePropertyNull()
    {
        // Guards against dotnet/runtime#84484: source generation drops initializers of init-only properties.
        var problems = new List<string>();
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>([typeof(ApiKey)]);
        JsonSerializerOptions options = OperatorJsonContext.Default.Options;
        while (pending.TryDequeue(out Type? type))
        {
            JsonTypeInfo info = options.GetTypeInfo(type);
            if (!seen.Add(type) || info.Kind != JsonTypeInfoKind.Object || type.Namespace != typeof(ApiKey).Namespace)
            {
                continue;
            }

            object empty = JsonSerializer.Deserialize("{}", info)!;
            foreach (JsonPropertyInfo property in info.Properties)
            {
                if (!property.IsGetNullable && property.Get!(empty) is null)
                {
                    problems.Add(type.Name + "." + property.Name);
                }

                Type element = options.GetTypeInfo(property.PropertyType).ElementType ?? property.PropertyType;
                pending.Enqueue(Nullable.GetUnderlyingType(element) ?? element);
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Serialize_ApiKey_UsesWireNamesAndOmitsNulls()
    {
        var key = new ApiKey
        {
            Metadata = new() { Name = "k" },
            Spec = new ApiKeySpec { Ecdsa = new EcdsaSpec { Curve = EcdsaCurve.P521 } },
            Status = new ApiKeyStatus { Format = ApiKeyFormat.BasicAuth, NextRotationTime = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 600, TimeSpan.Zero) },
        };

        JsonNode json = JsonSerializer.SerializeToNode(key, OperatorJsonContext.Default.ApiKey)!;

        Assert.Equal("keyoperator.io/v1alpha1", (string?)json["apiVersion"]);
        Assert.Equal("ApiKey", (string?)json["kind"]);
        Assert.Equal("P-521", (string?)json["spec"]!["ecdsa"]!["curve"]);
        Assert.Null(json["spec"]!["token"]);
        Assert.Equal("basicAuth", (string?)json["status"]!["format"]);
        Assert.Equal("2026-01-02T03:04:05Z", (string?)json["status"]!["nextRotationTime"]);
    }

    [Theory]
    [InlineData("{}", true, "token")]
    [InlineData("""{"token":{}}""", true, "token")]
    [InlineData("""{"hmac":{}}""", true, "hmac")]
    [InlineData("""{"basicAuth":{"username":"u"}}""", true, "basicAuth")]
    [InlineData("""{"rsa":{},"ecdsa":{}}""", false, null)]
    public void TryGetFormat_Spec_ReturnsTheSingleFormat(string json, bool single, string? expected)
    {
        ApiKeySpec spec = JsonSerializer.Deserialize(json, OperatorJsonContext.Default.ApiKeySpec)!;

        Assert.Equal(single, spec.TryGetFormat(out ApiKeyFormat format));
        if (single)
        {
            Assert.Equal(expected, JsonSerializer.Serialize(format, OperatorJsonContext.Default.ApiKeyFormat).Trim('"'));
        }
    }
}
