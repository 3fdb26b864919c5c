// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Azure;

/// <summary>
/// Entra ID and one Key Vault on one <see cref="EmulatorHost"/> (one HTTPS port, one CA): the authority host and the
/// vault URL are the same base address, as routes do not overlap (<c>/{tenant}/oauth2/…</c> against <c>/secrets/…</c>).
/// </summary>
public sealed class AzureEmulator : IAsyncDisposable
{
    /// <summary>The tenant used unless another is given. Tests share it on purpose: the SDK caches a vault's challenge (and so its tenant) per host and port for the whole process.</summary>
    public const string DefaultTenantId = "72f988bf-0000-4000-8000-00000000e1e1";

    private readonly EmulatorHost _host;

    private AzureEmulator(EmulatorHost host, EntraIdEmulator login, KeyVaultEmulator vault)
    {
        _host = host;
        Login = login;
        Vault = vault;
    }

    /// <summary>The Entra ID emulator: clients, the assertion validator, token counters.</summary>
    public EntraIdEmulator Login { get; }

    /// <summary>The Key Vault emulator: secrets, grants, faults, counters.</summary>
    public KeyVaultEmulator Vault { get; }

    /// <summary>The vault's tenant.</summary>
    public string TenantId => Vault.TenantId;

    /// <summary>The vault URL (the host's base address).</summary>
    public Uri VaultUrl => _host.BaseAddress;

    /// <summary>The Entra authority host (the same base address).</summary>
    public Uri AuthorityHost => _host.BaseAddress;

    /// <summary>The CA PEM to trust.</summary>
    public string CaPem => _host.CaPem;

    /// <summary>Starts both emulators over HTTPS.</summary>
    /// <param name="tenantId">The tenant (<see cref="DefaultTenantId"/> if null).</param>
    /// <param name="time">The clock of token expiry and timestamps (the system clock if null).</param>
    /// <returns>The started emulator.</returns>
    public static async Task<AzureEmulator> StartAsync(string? tenantId = null, TimeProvider? time = null)
    {
        EntraIdEmulator login = new(time);
        KeyVaultEmulator vault = new(login, tenantId ?? DefaultTenantId, time);
        EmulatorHost host = await EmulatorHost.StartAsync("azure-emulator", app =>
        {
            login.Map(app);
            vault.Map(app);
        }).ConfigureAwait(false);
        return new AzureEmulator(host, login, vault);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
