// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers;

/// <summary>
/// Issues short-lived ServiceAccount tokens for workload identity (Vault kubernetes auth, STS
/// AssumeRoleWithWebIdentity, an Azure client assertion). The operator implements it with the TokenRequest API for one
/// ServiceAccount and audience set; a provider calls it whenever it must log in again, never caching the token beyond
/// the login it is used for.
/// </summary>
public interface IWorkloadTokenSource
{
    /// <summary>
    /// Who the tokens are for, such as <c>team-a/app [vault]</c>: part of a shared client's cache key, and safe to
    /// show (it names, it does not authenticate).
    /// </summary>
    string Identity { get; }

    /// <summary>Requests a fresh token.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The signed JWT.</returns>
    Task<SensitiveString> GetTokenAsync(CancellationToken cancellationToken);
}
