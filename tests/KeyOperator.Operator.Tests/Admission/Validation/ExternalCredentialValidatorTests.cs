// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Review;
using KeyOperator.Operator.Tests.Admission.Fakes;

namespace KeyOperator.Operator.Tests.Admission.Validation;

public sealed class ExternalCredentialValidatorTests
{
    private const string Data = "\"data\":[{\"secretKey\":\"k\",\"remoteRef\":{\"key\":\"a\"}}]";
    private const string VaultAuth = "\"auth\":{\"tokenSecretRef\":{\"name\":\"t\",\"key\":\"token\"}}";

    [Theory]
    [InlineData("{" + Data + "}", "spec.provider: is required")]
    [InlineData("{\"provider\":{}," + Data + "}", "spec.provider: exactly one of vault, awsSecretsManager, azureKeyVault must be set, found none")]
    [InlineData("{\"provider\":{\"vault\":{\"server\":\"https://v:8200\"," + VaultAuth + "},\"azureKeyVault\":{}}," + Data + "}", "found vault and azureKeyVault")]
    [InlineData("{\"provider\":{\"vault\":{\"server\":\"http://v:8200\"," + VaultAuth + "}}," + Data + "}", "spec.provider.vault.server: \"http://v:8200\" is plain http")]
    [InlineData("{\"provider\":{\"vault\":{\"server\":\"https://user:pw@v\"," + VaultAuth + "}}," + Data + "}", "spec.provider.vault.server:")]
    [InlineData("{\"provider\":{\"vault\":{\"server\":\"https://v\"}}," + Data + "}", "spec.provider.vault.auth: is required")]
    [InlineData("{\"provider\":{\"vault\":{\"server\":\"https://v\",\"auth\":{\"appRole\":{\"roleId\":\"r\"}}}}," + Data + "}", "spec.provider.vault.auth.appRole.secretRef: is required")]
    [InlineData("{\"provider\":{\"vault\":{\"server\":\"https://v\",\"caBundle\":\"bm90IGEgcGVt\"," + VaultAuth + "}}," + Data + "}", "spec.provider.vault.caBundle: holds no PEM certificate")]
    [InlineData("{\"provider\":{\"awsSecretsManager\":{\"region\":\"eu-west-1\",\"role\":\"arn:aws:iam::12:role/x\",\"auth\":{\"jwt\":{\"serviceAccountRef\":{\"name\":\"a\"}}}}}," + Data + "}", "spec.provider.awsSecretsManager.role: \"arn:aws:iam::12:role/x\" is not an IAM role ARN")]
    [InlineData("{\"provider\":{\"awsSecretsManager\":{\"region\":\"eu-west-1\",\"auth\":{\"jwt\":{\"serviceAccountRef\":{\"name\":\"a\"}}}}}," + Data + "}", "spec.provider.awsSecretsManager.role: is required with auth.jwt")]
    [InlineData("{\"provider\":{\"azureKeyVault\":{\"vaultUrl\":\"https://kv\",\"auth\":{\"clientSecret\":{\"clientId\":\"c\",\"secretRef\":{\"name\":\"s\",\"key\":\"k\"}}}}}," + Data + "}", "spec.provider.azureKeyVault.tenantId: is required")]
    [InlineData("{\"provider\":{\"vault\":{\"server\":\"https://v\"," + VaultAuth + "}}}", "spec.data: spec.data or spec.dataFrom must name at least one remote value")]
    [InlineData("{\"provider\":{\"vault\":{\"server\":\"https://v\"," + VaultAuth + "}},\"refreshInterval\":\"1d\"," + Data + "}", "spec.refreshInterval:")]
    [InlineData("{\"provider\":{\"vault\":{\"server\":\"https://v\"," + VaultAuth + "}},\"target\":{\"template\":{\"data\":{\"u\":\"{{ .a | b64enc }}\"}}}," + Data + "}", "spec.target.template.data.u: templates support only {{ .key }} substitution")]
    [InlineData("{\"provider\":{\"vault\":{\"server\":\"https://v\"," + VaultAuth + "}},\"data\":[{\"secretKey\":\"k\",\"remoteRef\":{\"key\":\"a\"}},{\"secretKey\":\"k\",\"remoteRef\":{\"key\":\"b\"}}]}", "spec.data[1].secretKey: \"k\" is already used")]
    public async Task Review_InvalidSpec_DeniedNamingTheField(string spec, string expected)
    {
        ReviewerHarness harness = new();

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(Reviews.Object("ExternalCredential", spec, "xc", "team-a")));

        Assert.False(verdict.Allowed);
        Assert.Contains(expected, verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_ValidVaultSpec_Allowed()
    {
        ReviewerHarness harness = new();

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(Reviews.Object("ExternalCredential", "{\"provider\":{\"vault\":{\"server\":\"https://v:8200\"," + VaultAuth + "}},\"refreshInterval\":\"15m\"," + Data + "}", "xc", "team-a")));

        Assert.True(verdict.Allowed, verdict.Message);
    }

    [Fact]
    public async Task Review_PlainHttpWithPolicyAllowingIt_AllowedWithWarning()
    {
        ReviewerHarness harness = new(new AdmissionPolicy { AllowInsecureProviderEndpoints = true });

        AdmissionVerdict verdict = await harness.ReviewAsync(Reviews.Review(Reviews.Object("ExternalCredential", "{\"provider\":{\"vault\":{\"server\":\"http://v:8200\"," + VaultAuth + "}}," + Data + "}", "xc", "team-a")));

        Assert.True(verdict.Allowed, verdict.Message);
        Assert.Contains(verdict.Warnings, w => w.Contains("plain http", StringComparison.Ordinal));
    }
}
