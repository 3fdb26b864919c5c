// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>What the ApiKey controller reads and writes of ApiKeys themselves.</summary>
internal interface IApiKeyStore
{
    /// <summary>Reads the ApiKey as the API server has it now; null when it does not exist.</summary>
    Task<ApiKey?> GetAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the status subresource with <paramref name="apiKey"/>'s status. Its resourceVersion is a precondition:
    /// a stale object fails with 409 Conflict.
    /// </summary>
    /// <returns>The ApiKey as stored.</returns>
    Task<ApiKey> ReplaceStatusAsync(ApiKey apiKey, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="apiKey"/>'s metadata.finalizers (nothing else of it). Its resourceVersion is a
    /// precondition; removing the last finalizer of a deleting ApiKey lets the API server remove it.
    /// </summary>
    /// <returns>The ApiKey as stored.</returns>
    Task<ApiKey> ReplaceAsync(ApiKey apiKey, CancellationToken cancellationToken);
}
