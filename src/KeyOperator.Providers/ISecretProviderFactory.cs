// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers;

/// <summary>Creates the client of one provider; one implementation per provider, registered in DI.</summary>
public interface ISecretProviderFactory
{
    /// <summary>Whether this factory builds clients for the connection's type.</summary>
    /// <param name="connection">The connection.</param>
    /// <returns>True when it does.</returns>
    bool CanCreate(ProviderConnection connection);

    /// <summary>Creates a client. Called once per <see cref="ProviderConnection.ClientKey"/>; the client is shared.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="http">The HTTP client to use: the store's trust, its rate limiter and request metrics are already in its handler chain.</param>
    /// <param name="limiter">The store's rate limiter, for throttling signals the HTTP status does not carry (AWS ThrottlingException).</param>
    /// <returns>The client.</returns>
    ISecretProvider Create(ProviderConnection connection, HttpClient http, ProviderRateLimiter limiter);
}
