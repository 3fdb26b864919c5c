// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Operator.Serialization;

namespace KeyOperator.Operator.Tests.RotationPolicies;

public sealed class RotationPolicySerializationTests
{
    [Fact]
    public void Deserialize_ManifestJson_ReadsEveryField()
    {
        const string Json = """
            {
              "apiVersion": "keyoperator.io/v1alpha1",
              "kind": "RotationPolicy",
              "metadata": { "name": "monthly", "namespace": "payments", "generation": 3 },
              "spec": {
                "schedule": { "cron": "0 3 * * MON", "timeZone": "Europe/Berlin" },
                "strategy": "Immediate",
                "gracePeriod": "24h",
                "maxAge": "2160h",
                "rotateBefore": "720h",
                "jitter": "30m"
              }
            }
            """;

        RotationPolicy policy = JsonSerializer.Deserialize(Json, OperatorJsonContext.Default.RotationPolicy)!;

        Assert.Equal("monthly", policy.Metadata.Name);
        Assert.Equal(RotationStrategy.Immediate, policy.Spec.Strategy);
        Assert.Equal(("0 3 * * MON", "Europe/Berlin"), (policy.Spec.Schedule!.Cron, policy.Spec.Schedule.TimeZone));
        Assert.Equal(("24h", "2160h", "720h", "30m"), (policy.Spec.GracePeriod, policy.Spec.MaxAge, policy.Spec.RotateBefore, policy.Spec.Jitter));
        Assert.True(RotationPolicyCompiler.Compile(policy.Spec).IsValid);
    }

    [Fact]
    public void Serialize_DefaultPolicy_WritesKindStrategyAndOmitsNulls()
    {
        var policy = new RotationPolicy { Spec = new RotationPolicySpec { Schedule = new() { Every = "720h" } } };

        string json = JsonSerializer.Serialize(policy, OperatorJsonContext.Default.RotationPolicy);

        Assert.Contains("\"apiVersion\":\"keyoperator.io/v1alpha1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"RotationPolicy\"", json, StringComparison.Ordinal);
        Assert.Contains("\"strategy\":\"Overlapping\"", json, StringComparison.Ordinal);
        Assert.Contains("\"schedule\":{\"every\":\"720h\"}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_UnknownStrategy_Throws()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"strategy":"Sometimes"}""", OperatorJsonContext.Default.RotationPolicySpec));
    }
}
