// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ExternalCredentials;

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>What the ExternalCredential controller writes of ExternalCredentials themselves.</summary>
internal interface IExternalCredentialStore
{
    /// <summary>Replaces the status subresource; the object's resourceVersion is a precondition (409 Conflict when stale).</summary>
    /// <returns>The object as stored.</returns>
    Task<ExternalCredential> ReplaceStatusAsync(ExternalCredential credential, CancellationToken cancellationToken);
}
