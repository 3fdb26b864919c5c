// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Workload identity: a token of the ServiceAccount (audience api://AzureADTokenExchange) as client assertion.</summary>
internal sealed record AzureWorkloadIdentityAuthSpec
{
    /// <summary>Application (client) id of the federated identity.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(256)]
    public string? ClientId { get; init; }

    /// <summary>The ServiceAccount.</summary>
    [Required]
    public ServiceAccountSelector? ServiceAccountRef { get; init; }
}
