// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Azure;

/// <summary>Workload identity: a ServiceAccount token (audience <c>api://AzureADTokenExchange</c>) as a client assertion.</summary>
/// <param name="ClientId">The application (client) id of the federated identity.</param>
/// <param name="Tokens">Issues the ServiceAccount tokens.</param>
public sealed record AzureWorkloadIdentity(string ClientId, IWorkloadTokenSource Tokens) : AzureAuth
{
    /// <inheritdoc />
    public override string ClientId { get; } = ClientId;

    /// <inheritdoc />
    public override string Identity => $"workload:{ClientId}:{Tokens.Identity}";
}
