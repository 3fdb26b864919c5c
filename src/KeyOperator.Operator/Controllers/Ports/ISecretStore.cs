// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>The Secrets that hold keys.</summary>
internal interface ISecretStore
{
    /// <summary>Reads a Secret; null when it does not exist.</summary>
    Task<V1Secret?> GetAsync(string @namespace, string name, ReadFrom from, CancellationToken cancellationToken);

    /// <summary>Creates a Secret; 409 AlreadyExists when the name is taken.</summary>
    Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken cancellationToken);

    /// <summary>Replaces a Secret; its metadata.resourceVersion, when set, is a precondition (409 Conflict).</summary>
    Task<V1Secret> ReplaceAsync(V1Secret secret, CancellationToken cancellationToken);
}
