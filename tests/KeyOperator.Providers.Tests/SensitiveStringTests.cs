// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Providers;
using KeyOperator.Providers.Aws;
using KeyOperator.Providers.Vault;

namespace KeyOperator.Providers.Tests;

public sealed class SensitiveStringTests
{
    [Fact]
    public void ToString_OfConnectionHoldingCredentials_ShowsNoCredential()
    {
        VaultConnection vault = new(new Uri("https://vault.example:8200"), "team-a", "secret", VaultKvVersion.V2, new VaultAppRoleAuth("approle", "role-1", new SensitiveString("s3cr3t-id")));
        AwsSecretsManagerConnection aws = new("eu-west-1", null, null, new AwsStaticCredentials("AKIDEXAMPLE", new SensitiveString("wJalrXUtnFEMI"), new SensitiveString("session-tok")));

        string text = vault + " " + aws + " " + vault.ClientKey + " " + aws.ClientKey;

        Assert.DoesNotContain("s3cr3t-id", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", text, StringComparison.Ordinal);
        Assert.DoesNotContain("session-tok", text, StringComparison.Ordinal);
        Assert.Contains("[redacted]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientKey_DifferentSecret_Differs()
    {
        VaultConnection one = new(new Uri("https://v:8200"), null, "secret", VaultKvVersion.V2, new VaultTokenAuth(new SensitiveString("a")));
        VaultConnection same = one with { Auth = new VaultTokenAuth(new SensitiveString("a")) };
        VaultConnection other = one with { Auth = new VaultTokenAuth(new SensitiveString("b")) };

        Assert.Equal(one.ClientKey, same.ClientKey);
        Assert.NotEqual(one.ClientKey, other.ClientKey);
        Assert.Equal(one.StoreKey, other.StoreKey);
    }

    [Fact]
    public void ToString_OfRemoteSecret_ShowsNoValue()
    {
        RemoteSecret secret = new("hunter2"u8, "3");

        Assert.DoesNotContain("hunter2", secret.ToString(), StringComparison.Ordinal);
    }
}
