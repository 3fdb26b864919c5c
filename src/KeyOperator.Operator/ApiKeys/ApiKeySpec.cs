// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>
/// Desired state of an ApiKey. Set at most one format block (token, hmac, rsa, ecdsa or basicAuth); an empty
/// spec mints a token with default settings.
/// </summary>
[MutuallyExclusive("token", "hmac", "rsa", "ecdsa", "basicAuth")]
internal sealed record ApiKeySpec
{
    /// <summary>
    /// Opaque bearer token such as ko_3x9…Q7 with a built-in checksum, stored under the Secret key "token".
    /// This is the default format when no format block is set.
    /// </summary>
    public TokenSpec? Token { get; init; }

    /// <summary>Random shared secret for HMAC signing, stored as raw bytes under the Secret key "secret".</summary>
    public HmacSpec? Hmac { get; init; }

    /// <summary>
    /// RSA key pair for signing (RS256). Stored as private.pem (PKCS#8), public.pem (SubjectPublicKeyInfo) and
    /// jwks.json (public keys still valid, for verifiers).
    /// </summary>
    public RsaSpec? Rsa { get; init; }

    /// <summary>
    /// ECDSA key pair for signing (ES256/ES384/ES512). Stored as private.pem (PKCS#8), public.pem
    /// (SubjectPublicKeyInfo) and jwks.json (public keys still valid, for verifiers).
    /// </summary>
    public EcdsaSpec? Ecdsa { get; init; }

    /// <summary>
    /// Username and generated password, stored under "username" and "password" in a Secret of type
    /// kubernetes.io/basic-auth.
    /// </summary>
    public BasicAuthSpec? BasicAuth { get; init; }

    /// <summary>Where the key material comes from; without it the operator generates it in software.</summary>
    public ApiKeySource? Source { get; init; }

    /// <summary>Name of the Secret that receives the key, in the ApiKey's namespace. Defaults to the ApiKey's name.</summary>
    [MaxLength(253)]
    [Pattern(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    public string? SecretName { get; init; }

    /// <summary>Extra labels and annotations to put on the generated Secret.</summary>
    public SecretTemplate? SecretTemplate { get; init; }

    /// <summary>
    /// Allow the operator to take over an existing Secret of that name that it did not create. When false
    /// (the default) such a Secret is left untouched and the ApiKey reports a conflict.
    /// </summary>
    [System.ComponentModel.DefaultValue(false)]
    public bool AdoptExistingSecret { get; init; }

    /// <summary>
    /// Publish what a verifier needs (fingerprints, public keys; never secret values) in a ConfigMap.
    /// Setting this block, even empty, turns publication on.
    /// </summary>
    public VerifierSpec? Verifier { get; init; }

    /// <summary>RotationPolicy in the same namespace that decides when this key is rotated. Without it the key is rotated only on request.</summary>
    public RotationPolicyReference? RotationPolicyRef { get; init; }

    /// <summary>Workloads in the same namespace to restart (rolling) after the key changes, so they load the new value.</summary>
    [MaxItems(32)]
    public IReadOnlyList<RestartTarget>? RestartTargets { get; init; }

    /// <summary>
    /// The format this spec asks for: the one format block that is set, or <see cref="ApiKeyFormat.Token"/> when none
    /// is. False when several are set (the CRD schema rejects that; this guards objects that bypassed it).
    /// </summary>
    /// <param name="format">The requested format.</param>
    /// <returns>True when at most one format block is set.</returns>
    public bool TryGetFormat(out ApiKeyFormat format)
    {
        int count = (Token is null ? 0 : 1) + (Hmac is null ? 0 : 1) + (Rsa is null ? 0 : 1)
            + (Ecdsa is null ? 0 : 1) + (BasicAuth is null ? 0 : 1);
        format = Hmac is not null ? ApiKeyFormat.Hmac
            : Rsa is not null ? ApiKeyFormat.Rsa
            : Ecdsa is not null ? ApiKeyFormat.Ecdsa
            : BasicAuth is not null ? ApiKeyFormat.BasicAuth
            : ApiKeyFormat.Token;
        return count <= 1;
    }
}
