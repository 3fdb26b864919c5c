// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Amazon.Runtime;

namespace KeyOperator.Providers.Aws;

/// <summary>
/// Gives the SDK's STS client HTTP clients over the connection's own transport (<see cref="ProviderTransport"/>: the
/// <c>caBundle</c> as the only trust, no redirects), so STS is trusted exactly as Secrets Manager is. One socket
/// handler is shared by every HTTP client it hands out; the SDK may dispose those clients, never the handler.
/// </summary>
internal sealed class StsHttpClientFactory(ProviderConnection connection) : HttpClientFactory, IDisposable
{
    private readonly SocketsHttpHandler _handler = ProviderTransport.CreateHandler(connection);

    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        return new HttpClient(_handler, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(30) };
    }

    // The SDK's process-wide cache is keyed by client settings, not by trust: two connections with different CA
    // bundles must never share a client from it.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;

    public override string GetConfigUniqueString(IClientConfig clientConfig) => "keyoperator-sts-" + connection.ClientKey.GetHashCode(StringComparison.Ordinal);

    public void Dispose() => _handler.Dispose();
}
