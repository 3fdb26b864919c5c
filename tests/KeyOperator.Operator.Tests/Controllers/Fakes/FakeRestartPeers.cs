// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.ExternalCredentials;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>Restart peers a test sets directly, standing in for the informer caches.</summary>
internal sealed class FakeRestartPeers : IRestartPeers
{
    public List<ApiKey> ApiKeyList { get; } = [];

    public List<ExternalCredential> CredentialList { get; } = [];

    public IEnumerable<ApiKey> ApiKeys(string @namespace) => [.. ApiKeyList.Where(k => k.Metadata.NamespaceProperty == @namespace)];

    public IEnumerable<ExternalCredential> ExternalCredentials(string @namespace) => [.. CredentialList.Where(c => c.Metadata.NamespaceProperty == @namespace)];
}
