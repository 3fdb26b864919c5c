// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>
/// Seam over the Kubernetes client for the one Secret holding the self-managed webhook CA and serving certificate.
/// Conflicts are results, not exceptions: several replicas race for the same Secret by design.
/// </summary>
internal interface ISecretStore
{
    /// <summary>Reads the Secret; null when it does not exist.</summary>
    Task<StoredSecret?> GetAsync(string namespaceName, string name, CancellationToken cancellationToken);

    /// <summary>Creates the Secret (type kubernetes.io/tls); null when it already exists (HTTP 409 AlreadyExists).</summary>
    Task<StoredSecret?> CreateAsync(string namespaceName, string name, IReadOnlyDictionary<string, byte[]> data, CancellationToken cancellationToken);

    /// <summary>Replaces the Secret's data if its resourceVersion is still <paramref name="resourceVersion"/>; null on HTTP 409 Conflict.</summary>
    Task<StoredSecret?> UpdateAsync(string namespaceName, string name, IReadOnlyDictionary<string, byte[]> data, string resourceVersion, CancellationToken cancellationToken);
}
