// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Providers;

namespace KeyOperator.Providers.Tests.Vault;

internal static class VaultAssert
{
    public static string Text(RemoteSecret secret) => Encoding.UTF8.GetString(secret.Value.Span);

    /// <summary>Awaits a read that must fail, and checks that neither the message nor any inner one shows a secret.</summary>
    public static async Task<ProviderException> FailsAsync(Task<RemoteSecret> read, ProviderFailure failure, params string[] secrets)
    {
        ProviderException ex = await Assert.ThrowsAsync<ProviderException>(() => read);
        Assert.True(ex.Failure == failure, $"expected {failure}, got {ex.Failure}: {ex.Message}");
        NoSecrets(ex, secrets);
        return ex;
    }

    public static void NoSecrets(Exception ex, params string[] secrets)
    {
        string all = ex.ToString();
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }
}
