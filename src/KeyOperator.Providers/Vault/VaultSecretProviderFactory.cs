// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Providers.Vault;

/// <summary>Creates the Vault clients the <see cref="SecretProviderRegistry"/> shares, one per store and identity.</summary>
public sealed class VaultSecretProviderFactory : ISecretProviderFactory
{
    private readonly ProviderMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the factory.</summary>
    /// <param name="metrics">Counts logins.</param>
    /// <param name="time">The clock token TTLs are measured with.</param>
    /// <param name="loggerFactory">Logs logins and renewals, if given.</param>
    public VaultSecretProviderFactory(ProviderMetrics metrics, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        _metrics = metrics;
        _time = time;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("KeyOperator.Providers.Vault");
    }

    /// <inheritdoc />
    public bool CanCreate(ProviderConnection connection) => connection is VaultConnection;

    /// <inheritdoc />
    public ISecretProvider Create(ProviderConnection connection, HttpClient http, ProviderRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (connection is not VaultConnection vault)
        {
            throw new ArgumentException("not a Vault connection", nameof(connection));
        }

        ProviderTransport.EnsureAllowed(vault.Server, vault.AllowInsecureEndpoint);
        return new VaultClient(vault, http, _metrics, _time, _logger);
    }
}
