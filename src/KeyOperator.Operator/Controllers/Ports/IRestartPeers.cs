// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.ExternalCredentials;

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>
/// The objects of one namespace whose restart targets may overlap, as the operator last saw them (its informer
/// caches): ApiKeys and ExternalCredentials that roll the same workload share one rollout.
/// </summary>
internal interface IRestartPeers
{
    /// <summary>The ApiKeys of <paramref name="namespace"/>.</summary>
    IEnumerable<ApiKey> ApiKeys(string @namespace);

    /// <summary>The ExternalCredentials of <paramref name="namespace"/>.</summary>
    IEnumerable<ExternalCredential> ExternalCredentials(string @namespace);
}
