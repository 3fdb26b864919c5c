// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Names of the ExternalCredential kind.</summary>
internal static class ExternalCredentialConstants
{
    /// <summary>API group.</summary>
    public const string Group = "keyoperator.io";

    /// <summary>API version.</summary>
    public const string Version = "v1alpha1";

    /// <summary><c>group/version</c>.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The kind.</summary>
    public const string Kind = "ExternalCredential";

    /// <summary>Plural resource name.</summary>
    public const string Plural = "externalcredentials";

    /// <summary>Singular resource name.</summary>
    public const string Singular = "externalcredential";

    /// <summary>kubectl short name.</summary>
    public const string ShortName = "xc";

    /// <summary>Suffix of the key that keeps a changed value's predecessor (keepPrevious).</summary>
    public const string PreviousSuffix = ".previous";

    /// <summary>Annotation on the target Secret naming the ExternalCredential that writes it.</summary>
    public const string OwnerAnnotation = "keyoperator.io/external-credential";
}
