// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>Reasons of the ExternalCredential's Ready condition (CamelCase, as Kubernetes conventions ask).</summary>
internal static class ExternalCredentialReasons
{
    /// <summary>The Secret holds what the store returned.</summary>
    public const string Synced = "Synced";

    /// <summary>The store refused the credentials, or they could not be read.</summary>
    public const string AuthFailed = "AuthFailed";

    /// <summary>The store confirmed a remote secret does not exist.</summary>
    public const string NotFound = "NotFound";

    /// <summary>The store asked us to slow down.</summary>
    public const string Throttled = "Throttled";

    /// <summary>The store was unreachable or failed.</summary>
    public const string ProviderUnavailable = "ProviderUnavailable";

    /// <summary>The spec cannot work as written.</summary>
    public const string InvalidSpec = "InvalidSpec";

    /// <summary>A template names a key that was not synced, or is malformed.</summary>
    public const string TemplateError = "TemplateError";

    /// <summary>The target Secret belongs to someone else, or is missing under creationPolicy Merge.</summary>
    public const string SecretConflict = "SecretConflict";
}
