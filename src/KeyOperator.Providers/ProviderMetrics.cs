// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Prometheus;

namespace KeyOperator.Providers;

/// <summary>
/// <c>keyoperator_provider_requests_total{provider,code}</c>: every HTTP request to a store by its status code (or
/// <c>error</c> when no response came). Labels name the provider and the code only, never a secret name or value.
/// </summary>
public sealed class ProviderMetrics
{
    private readonly Counter _requests;
    private readonly Counter _logins;

    /// <summary>Creates the metrics in the host's registry.</summary>
    /// <param name="registry">The registry.</param>
    public ProviderMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateCounter("keyoperator_provider_requests_total", "HTTP requests to external secret stores by provider and status code", "provider", "code");
        _logins = factory.CreateCounter("keyoperator_provider_logins_total", "Logins (token or credential exchanges) at external secret stores by provider", "provider");
    }

    /// <summary>Counts one request.</summary>
    /// <param name="provider">The provider label.</param>
    /// <param name="code">The status code, or <c>error</c>.</param>
    public void Request(string provider, string code) => _requests.WithLabels(provider, code).Inc();

    /// <summary>Counts one login (a Vault login, an STS call, an Entra token request).</summary>
    /// <param name="provider">The provider label.</param>
    public void Login(string provider) => _logins.WithLabels(provider).Inc();
}
