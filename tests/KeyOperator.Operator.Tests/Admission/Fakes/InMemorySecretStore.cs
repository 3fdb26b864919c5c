// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using KeyOperator.Operator.Admission.Certificates;

namespace KeyOperator.Operator.Tests.Admission.Fakes;

/// <summary>A Secret store with apiserver semantics: AlreadyExists on create, resourceVersion conflicts on update.</summary>
internal sealed class InMemorySecretStore : ISecretStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(string, string), StoredSecret> _secrets = [];
    private int _version;

    public int Writes { get; private set; }

    public StoredSecret? Peek(string ns, string name)
    {
        lock (_sync)
        {
            return _secrets.GetValueOrDefault((ns, name));
        }
    }

    public Task<StoredSecret?> GetAsync(string namespaceName, string name, CancellationToken cancellationToken) =>
        Task.FromResult(Peek(namespaceName, name));

    public Task<StoredSecret?> CreateAsync(string namespaceName, string name, IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_secrets.ContainsKey((namespaceName, name)))
            {
                return Task.FromResult<StoredSecret?>(null);
            }

            return Task.FromResult<StoredSecret?>(Store(namespaceName, name, data));
        }
    }

    public Task<StoredSecret?> UpdateAsync(string namespaceName, string name, IReadOnlyDictionary<string, byte[]> data, string resourceVersion, CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (!_secrets.TryGetValue((namespaceName, name), out StoredSecret? current) || current.ResourceVersion != resourceVersion)
            {
                return Task.FromResult<StoredSecret?>(null);
            }

            return Task.FromResult<StoredSecret?>(Store(namespaceName, name, data));
        }
    }

    public void Put(string ns, string name, IReadOnlyDictionary<string, byte[]> data)
    {
        lock (_sync)
        {
            Store(ns, name, data);
        }
    }

    private StoredSecret Store(string ns, string name, IReadOnlyDictionary<string, byte[]> data)
    {
        Writes++;
        var stored = new StoredSecret(new Dictionary<string, byte[]>(data), (++_version).ToString(CultureInfo.InvariantCulture));
        _secrets[(ns, name)] = stored;
        return stored;
    }
}
