// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Emulators.Vault;

namespace KeyOperator.Tests.ExternalCredentials;

/// <summary>One Vault emulator (HTTPS with its own CA) for a test class, with a KV v2 mount at <c>secret</c>.</summary>
public sealed class VaultEmulatorFixture : IAsyncLifetime
{
    private VaultEmulator? _vault;

    public VaultEmulator Vault => _vault ?? throw new InvalidOperationException("not started");

    /// <summary>The emulator's CA as a caBundle value (base64 PEM).</summary>
    public string CaBundle => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Vault.CaPem));

    public async Task InitializeAsync()
    {
        _vault = await VaultEmulator.StartAsync();
        _vault.EnableKv("secret", 2);
        _vault.EnableKv("kv1", 1);
    }

    public async Task DisposeAsync()
    {
        if (_vault is not null)
        {
            await _vault.DisposeAsync();
        }
    }
}
