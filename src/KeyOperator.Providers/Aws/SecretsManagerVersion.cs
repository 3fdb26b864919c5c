// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Aws;

/// <summary>
/// How <c>remoteRef.version</c> selects a version. Secrets Manager version ids are UUIDs when Secrets Manager makes
/// them (the console, the CLI and the SDKs always send a UUID ClientRequestToken); staging labels are free text
/// (<c>AWSCURRENT</c>, <c>AWSPREVIOUS</c>, <c>AWSPENDING</c>, or a label of one's own). So: a UUID is a
/// <c>VersionId</c>, anything else a <c>VersionStage</c>, and no version reads <c>AWSCURRENT</c>. A version id that is
/// not a UUID (possible only through a hand-made ClientRequestToken) cannot be selected; label it and name the label.
/// </summary>
internal static class SecretsManagerVersion
{
    /// <summary>The longest secret id (a name or an ARN) the API takes.</summary>
    public const int MaxSecretIdLength = 2048;

    /// <summary>Builds the request body for a reference.</summary>
    /// <param name="reference">The reference.</param>
    /// <returns>The body.</returns>
    /// <exception cref="ProviderException">The key or version cannot be a Secrets Manager id or label (InvalidRequest).</exception>
    public static GetSecretValueRequest Request(RemoteReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        string id = reference.Key;
        if (id.Length is 0 or > MaxSecretIdLength || id.Any(char.IsControl) || id.Trim().Length != id.Length)
        {
            throw new ProviderException(ProviderFailure.InvalidRequest, "remoteRef.key is not a Secrets Manager secret id: a name or ARN of 1–2048 characters without control characters or surrounding spaces");
        }

        if (string.IsNullOrEmpty(reference.Version))
        {
            return new GetSecretValueRequest { SecretId = id };
        }

        string version = reference.Version;
        if (IsVersionId(version))
        {
            return new GetSecretValueRequest { SecretId = id, VersionId = version };
        }

        // The API's VersionStage shape: 1–256 characters.
        if (version.Length > 256 || version.Any(char.IsControl) || version.Trim().Length != version.Length)
        {
            throw new ProviderException(ProviderFailure.InvalidRequest, $"remoteRef.version of secret {id} is neither a version id (a UUID) nor a staging label (1–256 characters without control characters)");
        }

        return new GetSecretValueRequest { SecretId = id, VersionStage = version };
    }

    /// <summary>Whether a version is a version id: a UUID in its 8-4-4-4-12 form.</summary>
    /// <param name="version">The version.</param>
    /// <returns>True for a UUID.</returns>
    public static bool IsVersionId(string version) => version.Length == 36 && Guid.TryParseExact(version, "D", out _);
}
