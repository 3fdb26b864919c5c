// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Operator.Controllers.Adapters;

/// <summary>Restart peers from the informer caches, by their namespace index (the caches copy what they hand out).</summary>
internal sealed class InformerRestartPeers(Informer<ApiKey> apiKeys, Informer<ExternalCredential> credentials) : IRestartPeers
{
    public IEnumerable<ApiKey> ApiKeys(string @namespace) => apiKeys.Cache.ByIndex(IndexNames.Namespace, @namespace);

    public IEnumerable<ExternalCredential> ExternalCredentials(string @namespace) => credentials.Cache.ByIndex(IndexNames.Namespace, @namespace);
}
