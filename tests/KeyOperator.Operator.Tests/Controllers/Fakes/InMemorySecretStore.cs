// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.Controllers.Ports;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>Secrets held in memory, with create/replace semantics of the API server (AlreadyExists, resourceVersion preconditions).</summary>
internal sealed class InMemorySecretStore(ObjectVersions versions) : ISecretStore
{
    private readonly Dictionary<(string, string), V1Secret> _items = [];

    public int Writes { get; private set; }

    public int Reads { get; private set; }

    /// <summary>Runs once before the next create or replace: someone else's write racing the reconciler's.</summary>
    public Action? BeforeNextWrite { get; set; }

    public V1Secret? Find(string @namespace, string name) => _items.GetValueOrDefault((@namespace, name));

    /// <summary>Stores a Secret as someone else would (kubectl, another tool), bypassing the write count.</summary>
    public V1Secret Put(V1Secret secret)
    {
        // Copies of the data, as the wire would make: the reconciler zeroes its key material after the write.
        Dictionary<string, byte[]>? data = secret.Data?.ToDictionary(static kv => kv.Key, static kv => kv.Value.ToArray());
        V1Secret stored = secret with { Data = data, Metadata = secret.Metadata with { ResourceVersion = versions.Next(), Uid = secret.Metadata.Uid ?? Guid.NewGuid().ToString(), CreationTimestamp = secret.Metadata.CreationTimestamp ?? DateTime.UnixEpoch } };
        _items[(stored.Metadata.NamespaceProperty, stored.Metadata.Name)] = stored;
        return stored;
    }

    /// <summary>Deletes a Secret as someone else would.</summary>
    public void Delete(string @namespace, string name) => _items.Remove((@namespace, name));

    public Task<V1Secret?> GetAsync(string @namespace, string name, ReadFrom from, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(_items.GetValueOrDefault((@namespace, name)));
    }

    public Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        RunRace();
        if (_items.ContainsKey((secret.Metadata.NamespaceProperty, secret.Metadata.Name)))
        {
            throw ApiErrors.AlreadyExists($"secrets \"{secret.Metadata.Name}\"");
        }

        Writes++;
        return Task.FromResult(Put(secret));
    }

    public Task<V1Secret> ReplaceAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        RunRace();
        if (!_items.TryGetValue((secret.Metadata.NamespaceProperty, secret.Metadata.Name), out V1Secret? current))
        {
            throw ApiErrors.NotFound($"secrets \"{secret.Metadata.Name}\"");
        }

        if (secret.Metadata.ResourceVersion is { } expected && expected != current.Metadata.ResourceVersion)
        {
            throw ApiErrors.Conflict($"secrets \"{secret.Metadata.Name}\"");
        }

        Writes++;
        return Task.FromResult(Put(secret with { Metadata = secret.Metadata with { Uid = current.Metadata.Uid, CreationTimestamp = current.Metadata.CreationTimestamp } }));
    }

    private void RunRace()
    {
        Action? race = BeforeNextWrite;
        BeforeNextWrite = null;
        race?.Invoke();
    }
}
