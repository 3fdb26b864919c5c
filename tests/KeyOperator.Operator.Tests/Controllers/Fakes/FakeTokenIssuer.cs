// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Providers;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>Issues numbered fake tokens and records who asked for which audiences.</summary>
internal sealed class FakeTokenIssuer : IServiceAccountTokenIssuer
{
    public List<(string Namespace, string Name, string Audiences)> Requests { get; } = [];

    public Task<SensitiveString> RequestAsync(string @namespace, string name, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        Requests.Add((@namespace, name, string.Join(',', audiences)));
        return Task.FromResult(new SensitiveString("token-" + Requests.Count));
    }
}
