// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Models;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Providers;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary><see cref="IServiceAccountTokenIssuer"/> over the library's TokenRequest call.</summary>
internal sealed class ServiceAccountTokenIssuerAdapter(IKubernetes client) : IServiceAccountTokenIssuer
{
    // Ten minutes, the API server's minimum: each token is used for one login and dropped.
    private const long ExpirationSeconds = 600;

    public async Task<SensitiveString> RequestAsync(string @namespace, string name, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audiences);
        Authenticationv1TokenRequest request = new()
        {
            Spec = new V1TokenRequestSpec { Audiences = [.. audiences], ExpirationSeconds = ExpirationSeconds },
        };
        Authenticationv1TokenRequest issued = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(request, name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SensitiveString(issued.Status?.Token ?? throw new InvalidOperationException($"the TokenRequest for ServiceAccount {@namespace}/{name} returned no token"));
    }
}
