// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.ExternalCredentials;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>Status writes of ExternalCredentials, with the resourceVersion precondition a real API server applies.</summary>
internal sealed class InMemoryExternalCredentialStore(ObjectVersions versions) : IExternalCredentialStore
{
    private readonly Dictionary<(string?, string?), ExternalCredential> _items = [];

    public int StatusWrites { get; private set; }

    public ExternalCredential Put(ExternalCredential credential)
    {
        ExternalCredential stored = credential with { Metadata = credential.Metadata with { ResourceVersion = versions.Next(), Uid = credential.Metadata.Uid ?? Guid.NewGuid().ToString(), Generation = credential.Metadata.Generation ?? 1 } };
        _items[(stored.Metadata.NamespaceProperty, stored.Metadata.Name)] = stored;
        return stored;
    }

    public ExternalCredential Get(string @namespace, string name) => _items[(@namespace, name)];

    public Task<ExternalCredential> ReplaceStatusAsync(ExternalCredential credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ExternalCredential current = _items[(credential.Metadata.NamespaceProperty, credential.Metadata.Name)];
        if (credential.Metadata.ResourceVersion != current.Metadata.ResourceVersion)
        {
            throw ApiErrors.Conflict($"externalcredentials \"{credential.Metadata.Name}\"");
        }

        StatusWrites++;
        return Task.FromResult(Put(current with { Status = credential.Status }));
    }
}
