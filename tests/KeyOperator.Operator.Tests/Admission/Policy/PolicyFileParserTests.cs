// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Policy;

namespace KeyOperator.Operator.Tests.Admission.Policy;

public sealed class PolicyFileParserTests
{
    [Fact]
    public void Parse_FullFile_ReadsEveryField()
    {
        const string yaml = """
            apiVersion: keyoperator.io/v1alpha1
            kind: AdmissionPolicy
            minTokenEntropyBits: 192
            minHmacBytes: 32
            minRsaBits: 3072
            allowedFormats: [token, hmac, ecdsa]
            maxRotationInterval: 2160h
            minGracePeriod: 1h30m
            requireRotation:
              namespaceSelector:
                matchLabels:
                  env: prod
                matchExpressions:
                  - key: tier
                    operator: In
                    values: [payments, identity]
                  - key: sandbox
                    operator: DoesNotExist
            """;

        AdmissionPolicy policy = PolicyFileParser.Parse(yaml);

        Assert.Equal(192, policy.MinTokenEntropyBits);
        Assert.Equal(32, policy.MinHmacBytes);
        Assert.Equal(3072, policy.MinRsaBits);
        Assert.Equal(["token", "hmac", "ecdsa"], policy.AllowedFormats);
        Assert.Equal(new PolicyDuration(TimeSpan.FromHours(2160), "2160h"), policy.MaxRotationInterval);
        Assert.Equal(TimeSpan.FromMinutes(90), policy.MinGracePeriod!.Value);
        NamespaceSelector selector = policy.RequireRotation!.NamespaceSelector;
        Assert.True(selector.Matches(new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "payments" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "web" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["env"] = "prod", ["tier"] = "payments", ["sandbox"] = "" }));
        Assert.False(selector.Matches(new Dictionary<string, string> { ["tier"] = "payments" }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing enforced\n")]
    public void Parse_EmptyFile_EmptyPolicy(string yaml)
    {
        Assert.Equal(AdmissionPolicy.Empty, PolicyFileParser.Parse(yaml));
    }

    [Fact]
    public void Parse_RequireRotationWithoutSelector_MatchesEveryNamespace()
    {
        AdmissionPolicy policy = PolicyFileParser.Parse("requireRotation: {}\n");

        Assert.True(policy.RequireRotation!.NamespaceSelector.Matches(new Dictionary<string, string>()));
    }

    [Theory]
    [InlineData("minTokenEntropy: 128\n", "policy file: line 1: unknown field \"minTokenEntropy\"")]
    [InlineData("minTokenEntropyBits: many\n", "policy file: line 1: minTokenEntropyBits: \"many\" is not a positive integer")]
    [InlineData("minRsaBits: -1\n", "policy file: line 1: minRsaBits: \"-1\" is not a positive integer")]
    [InlineData("allowedFormats: [token, dsa]\n", "policy file: line 1: allowedFormats: unknown format \"dsa\" (known: token, hmac, rsa, ecdsa, basicAuth)")]
    [InlineData("maxRotationInterval: 30d\n", "policy file: line 1: maxRotationInterval: \"30d\" is not a positive duration such as \"720h\" or \"90m\"")]
    [InlineData("kind: Policy\n", "policy file: line 1: kind: expected \"AdmissionPolicy\", got \"Policy\"")]
    [InlineData("requireRotation:\n  namespaceSelector:\n    matchExpressions:\n      - key: env\n        operator: In\n", "policy file: line 4: requireRotation.namespaceSelector.matchExpressions: operator In needs values")]
    [InlineData("minHmacBytes: [1\n", "policy file: line 2:")]
    public void Parse_InvalidFile_ThrowsNamingLineAndField(string yaml, string messageStart)
    {
        PolicyFileException error = Assert.Throws<PolicyFileException>(() => PolicyFileParser.Parse(yaml));

        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_CommittedExample_Parses()
    {
        AdmissionPolicy policy = StaticAdmissionPolicyProvider.FromFile(Path.Combine(Repository.Root(), "config/policy/admission-policy.example.yaml")).Current;

        Assert.Equal(192, policy.MinTokenEntropyBits);
        Assert.True(policy.RequireRotation!.NamespaceSelector.Matches(new Dictionary<string, string> { ["environment"] = "production" }));
    }

    [Fact]
    public void FromFile_MissingFile_ThrowsPolicyFileException()
    {
        Assert.Throws<PolicyFileException>(() => StaticAdmissionPolicyProvider.FromFile("/nonexistent/policy.yaml"));
    }

    [Fact]
    public void FromFile_NoPath_EmptyPolicy()
    {
        Assert.Same(AdmissionPolicy.Empty, StaticAdmissionPolicyProvider.FromFile(null).Current);
    }
}
