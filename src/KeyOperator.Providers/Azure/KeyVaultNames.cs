// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Azure;

/// <summary>
/// Key Vault's naming rules, checked before a request: a name is 1–127 characters of <c>0-9a-zA-Z-</c>, a version is
/// alphanumeric (Key Vault issues 32 hex digits). A bad name is a spec error (InvalidRequest), and checking here also
/// keeps a name from adding path segments or a query to the request URL.
/// </summary>
internal static class KeyVaultNames
{
    public static void Validate(RemoteReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!IsName(reference.Key))
        {
            throw new ProviderException(ProviderFailure.InvalidRequest, "remoteRef.key is not a Key Vault secret name: 1–127 characters of 0-9, a-z, A-Z and '-'");
        }

        if (reference.Version is { } version && !IsVersion(version))
        {
            throw new ProviderException(ProviderFailure.InvalidRequest, $"remoteRef.version of secret {reference.Key} is not a Key Vault secret version: 1–64 characters of 0-9, a-z and A-Z");
        }
    }

    private static bool IsName(string name) => name.Length is >= 1 and <= 127 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsVersion(string version) => version.Length is >= 1 and <= 64 && version.All(char.IsAsciiLetterOrDigit);
}
