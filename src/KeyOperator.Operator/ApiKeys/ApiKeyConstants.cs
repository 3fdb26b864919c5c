// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.ApiKeys;

/// <summary>Names shared by the ApiKey kind, its Secret and everything that reads them: one place, so they cannot drift.</summary>
internal static class ApiKeyConstants
{
    /// <summary>API group of KeyOperator's kinds.</summary>
    public const string Group = "keyoperator.io";

    /// <summary>API version of the ApiKey kind.</summary>
    public const string Version = "v1alpha1";

    /// <summary><c>group/version</c> as written in apiVersion.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The kind.</summary>
    public const string Kind = "ApiKey";

    /// <summary>Plural resource name used in URLs.</summary>
    public const string Plural = "apikeys";

    /// <summary>Singular resource name.</summary>
    public const string Singular = "apikey";

    /// <summary>kubectl short name.</summary>
    public const string ShortName = "ak";

    /// <summary>Annotations the operator reads on an ApiKey or writes on its Secret.</summary>
    public static class Annotations
    {
        /// <summary>On an ApiKey: a new value (any text, such as a timestamp) requests one rotation.</summary>
        public const string Rotate = "keyoperator.io/rotate";

        /// <summary>On an ApiKey: ends the grace period at once, dropping the previous version.</summary>
        public const string RevokePrevious = "keyoperator.io/revoke-previous";

        /// <summary>On the Secret: version number of the current key.</summary>
        public const string Version = "keyoperator.io/version";

        /// <summary>On the Secret: fingerprint of the current key.</summary>
        public const string Fingerprint = "keyoperator.io/fingerprint";
    }

    /// <summary>Finalizers the operator sets.</summary>
    public static class Finalizers
    {
        /// <summary>On ApiKeys whose key pairs live in an HSM: held until every pair of the ApiKey is destroyed on the token.</summary>
        public const string HsmKeys = "keyoperator.io/hsm-keys";
    }

    /// <summary>Labels the operator puts on what it creates.</summary>
    public static class Labels
    {
        /// <summary>Standard label naming the managing tool.</summary>
        public const string ManagedBy = "app.kubernetes.io/managed-by";

        /// <summary>Value of <see cref="ManagedBy"/> on everything the operator manages.</summary>
        public const string ManagedByValue = "key-operator";
    }

    /// <summary>Secret data keys per format.</summary>
    public static class DataKeys
    {
        /// <summary>token format: the token text.</summary>
        public const string Token = "token";

        /// <summary>hmac format: the raw secret bytes.</summary>
        public const string Secret = "secret";

        /// <summary>rsa/ecdsa formats: PKCS#8 private key, PEM.</summary>
        public const string PrivatePem = "private.pem";

        /// <summary>rsa/ecdsa formats: SubjectPublicKeyInfo public key, PEM.</summary>
        public const string PublicPem = "public.pem";

        /// <summary>rsa/ecdsa formats: JWK Set of every public key still valid.</summary>
        public const string Jwks = "jwks.json";

        /// <summary>rsa/ecdsa formats with spec.source.hsm: RFC 7512 URI of the private key, which stays in the HSM.</summary>
        public const string Pkcs11Uri = "pkcs11-uri";

        /// <summary>basicAuth format: the username (key fixed by the kubernetes.io/basic-auth type).</summary>
        public const string Username = "username";

        /// <summary>basicAuth format: the password (key fixed by the kubernetes.io/basic-auth type).</summary>
        public const string Password = "password";

        /// <summary>Appended to a data key for the previous, still-valid value, as in <c>token.previous</c>.</summary>
        public const string PreviousSuffix = ".previous";
    }

    /// <summary>Secret types.</summary>
    public static class SecretTypes
    {
        /// <summary>Generic Secret, for token, hmac, rsa and ecdsa.</summary>
        public const string Opaque = "Opaque";

        /// <summary>Basic authentication Secret; requires <c>username</c> and <c>password</c> keys.</summary>
        public const string BasicAuth = "kubernetes.io/basic-auth";
    }
}
