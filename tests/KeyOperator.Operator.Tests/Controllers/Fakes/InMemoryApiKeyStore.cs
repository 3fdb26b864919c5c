// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>ApiKeys held in memory; status writes check the resourceVersion precondition as the API server does.</summary>
internal sealed class InMemoryApiKeyStore(ObjectVersions versions) : IApiKeyStore
{
    private readonly Dictionary<(string, string), ApiKey> _items = [];

    public int StatusWrites { get; private set; }

    public int Reads { get; private set; }

    public ApiKey Add(ApiKey apiKey)
    {
        ApiKey stored = apiKey with { Metadata = apiKey.Metadata with { ResourceVersion = versions.Next(), Uid = apiKey.Metadata.Uid ?? Guid.NewGuid().ToString() } };
        _items[(stored.Metadata.NamespaceProperty, stored.Metadata.Name)] = stored;
        return stored;
    }

    public ApiKey Get(string @namespace, string name) => _items[(@namespace, name)];

    /// <summary>Sets an annotation as kubectl annotate would (metadata only, a new resourceVersion).</summary>
    public void Annotate(string @namespace, string name, string annotation, string value)
    {
        ApiKey current = _items[(@namespace, name)];
        Dictionary<string, string> annotations = new(current.Metadata.Annotations ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [annotation] = value };
        _items[(@namespace, name)] = current with { Metadata = current.Metadata with { Annotations = annotations, ResourceVersion = versions.Next() } };
    }

    /// <summary>Someone else changed the ApiKey: its resourceVersion moves on.</summary>
    public void Touch(string @namespace, string name)
    {
        ApiKey current = _items[(@namespace, name)];
        _items[(@namespace, name)] = current with { Metadata = current.Metadata with { ResourceVersion = versions.Next() } };
    }

    public Task<ApiKey?> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(_items.GetValueOrDefault((@namespace, name)));
    }

    public Task<ApiKey> ReplaceStatusAsync(ApiKey apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        (string, string) key = (apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name);
        if (!_items.TryGetValue(key, out ApiKey? current))
        {
            throw ApiErrors.NotFound($"apikeys.keyoperator.io \"{apiKey.Metadata.Name}\"");
        }

        if (apiKey.Metadata.ResourceVersion != current.Metadata.ResourceVersion)
        {
            throw ApiErrors.Conflict($"apikeys.keyoperator.io \"{apiKey.Metadata.Name}\"");
        }

        // The status subresource changes status only, whatever else the body carries.
        ApiKey stored = current with { Status = apiKey.Status, Metadata = current.Metadata with { ResourceVersion = versions.Next() } };
        _items[key] = stored;
        StatusWrites++;
        return Task.FromResult(stored);
    }

    public int Replaces { get; private set; }

    /// <summary>As kubectl delete: gone at once without finalizers, otherwise marked with a deletionTimestamp.</summary>
    public void Delete(string @namespace, string name, DateTimeOffset at)
    {
        ApiKey current = _items[(@namespace, name)];
        if (current.Metadata.Finalizers is not { Count: > 0 })
        {
            _items.Remove((@namespace, name));
            return;
        }

        _items[(@namespace, name)] = current with { Metadata = current.Metadata with { DeletionTimestamp = at.UtcDateTime, ResourceVersion = versions.Next() } };
    }

    public bool Contains(string @namespace, string name) => _items.ContainsKey((@namespace, name));

    public Task<ApiKey> ReplaceAsync(ApiKey apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        (string, string) key = (apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name);
        if (!_items.TryGetValue(key, out ApiKey? current))
        {
            throw ApiErrors.NotFound($"apikeys.keyoperator.io \"{apiKey.Metadata.Name}\"");
        }

        if (apiKey.Metadata.ResourceVersion != current.Metadata.ResourceVersion)
        {
            throw ApiErrors.Conflict($"apikeys.keyoperator.io \"{apiKey.Metadata.Name}\"");
        }

        Replaces++;
        List<string>? finalizers = apiKey.Metadata.Finalizers is null ? null : [.. apiKey.Metadata.Finalizers];
        if (current.Metadata.DeletionTimestamp is not null && finalizers is not { Count: > 0 })
        {
            // The last finalizer gone: the API server removes the object.
            _items.Remove(key);
            return Task.FromResult(current with { Metadata = current.Metadata with { Finalizers = finalizers } });
        }

        // The main resource ignores status, as the API server does.
        ApiKey stored = current with { Spec = apiKey.Spec, Metadata = current.Metadata with { Finalizers = finalizers, ResourceVersion = versions.Next() } };
        _items[key] = stored;
        return Task.FromResult(stored);
    }
}
