// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using global::Azure.Core;
using global::Azure.Core.Pipeline;

namespace KeyOperator.Providers.Azure;

/// <summary>
/// Counts each token request the credential sends to Entra ID as a login. It sits in the credential's own pipeline, so
/// only requests MSAL actually sends are counted (a token served from its cache sends none).
/// </summary>
internal sealed class LoginCountingPolicy(ProviderMetrics metrics) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/oauth2/v2.0/token", StringComparison.OrdinalIgnoreCase))
        {
            metrics.Login("azure");
        }
    }
}
