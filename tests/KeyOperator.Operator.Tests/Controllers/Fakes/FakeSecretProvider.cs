// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Providers;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>An in-memory store: values by key, a version counter per key, and a failure to throw instead.</summary>
internal sealed class FakeSecretProvider : ISecretProvider
{
    private readonly Dictionary<string, (string Value, int Version)> _values = new(StringComparer.Ordinal);

    public string Provider => "vault";

    public int Reads { get; private set; }

    public ProviderException? Failure { get; set; }

    public void Set(string key, string value) =>
        _values[key] = (value, _values.TryGetValue(key, out (string Value, int Version) old) ? old.Version + 1 : 1);

    public void Remove(string key) => _values.Remove(key);

    public Task<RemoteSecret> GetSecretAsync(RemoteReference reference, CancellationToken cancellationToken)
    {
        Reads++;
        if (Failure is { } failure)
        {
            throw failure;
        }

        return _values.TryGetValue(reference.Key, out (string Value, int Version) entry)
            ? Task.FromResult(new RemoteSecret(Encoding.UTF8.GetBytes(entry.Value), entry.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : throw new ProviderException(ProviderFailure.NotFound, $"{reference.Key} not found");
    }
}
