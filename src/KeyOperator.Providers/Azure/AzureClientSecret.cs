// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Azure;

/// <summary>A service principal's client secret.</summary>
/// <param name="ClientId">The application (client) id.</param>
/// <param name="Secret">The client secret.</param>
public sealed record AzureClientSecret(string ClientId, SensitiveString Secret) : AzureAuth
{
    /// <inheritdoc />
    public override string ClientId { get; } = ClientId;

    /// <inheritdoc />
    public override string Identity => $"secret:{ClientId}:{Secret.Fingerprint}";
}
