// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Providers;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>Hands out one fake store for every connection, counting how many clients the registry asked for.</summary>
internal sealed class FakeSecretProviderFactory(FakeSecretProvider provider) : ISecretProviderFactory
{
    public int Created { get; private set; }

    public List<ProviderConnection> Connections { get; } = [];

    public bool CanCreate(ProviderConnection connection) => true;

    public ISecretProvider Create(ProviderConnection connection, HttpClient http, ProviderRateLimiter limiter)
    {
        Created++;
        Connections.Add(connection);
        return provider;
    }
}
