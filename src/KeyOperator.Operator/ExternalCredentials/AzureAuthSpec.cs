// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>How the operator authenticates to Entra ID: exactly one method.</summary>
[MutuallyExclusive("clientSecret", "workloadIdentity", AllowNone = false)]
internal sealed record AzureAuthSpec
{
    /// <summary>A client secret.</summary>
    public AzureClientSecretAuthSpec? ClientSecret { get; init; }

    /// <summary>Workload identity.</summary>
    public AzureWorkloadIdentityAuthSpec? WorkloadIdentity { get; init; }
}
