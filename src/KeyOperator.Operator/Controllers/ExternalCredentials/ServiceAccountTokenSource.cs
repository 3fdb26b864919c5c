// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Providers;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>Tokens of one ServiceAccount with one audience set, requested fresh for every login.</summary>
internal sealed class ServiceAccountTokenSource(IServiceAccountTokenIssuer issuer, string @namespace, string name, IReadOnlyList<string> audiences) : IWorkloadTokenSource
{
    public string Identity { get; } = $"{@namespace}/{name} [{string.Join(',', audiences)}]";

    public Task<SensitiveString> GetTokenAsync(CancellationToken cancellationToken) =>
        issuer.RequestAsync(@namespace, name, audiences, cancellationToken);
}
