// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;

namespace KeyOperator.Operator.Keys;

/// <summary>
/// Fingerprints in the form <c>sha256:&lt;64 lowercase hex digits&gt;</c>. Safe to show for high-entropy material:
/// a server can check a presented token against a published fingerprint without ever storing the token.
/// </summary>
internal static class Fingerprint
{
    /// <summary>The prefix naming the digest.</summary>
    public const string Prefix = "sha256:";

    /// <summary>Fingerprint of <paramref name="material"/>.</summary>
    /// <param name="material">The bytes to digest: the secret itself, or the SubjectPublicKeyInfo DER for key pairs.</param>
    /// <returns>The fingerprint.</returns>
    public static string Of(ReadOnlySpan<byte> material)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(material, digest);
        return Prefix + Convert.ToHexStringLower(digest);
    }
}
