// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Providers;

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>Short-lived ServiceAccount tokens through the TokenRequest API (serviceaccounts/token).</summary>
internal interface IServiceAccountTokenIssuer
{
    /// <summary>Requests a token for <paramref name="name"/> in <paramref name="namespace"/> with the given audiences.</summary>
    /// <returns>The signed token.</returns>
    Task<SensitiveString> RequestAsync(string @namespace, string name, IReadOnlyList<string> audiences, CancellationToken cancellationToken);
}
