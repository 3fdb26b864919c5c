// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace KeyOperator.Operator.Keys;

/// <summary>
/// Tokens of the form <c>{prefix}{body}{checksum}</c>: a short lowercase prefix, a body of uniformly random base62
/// symbols, and the CRC-32 of prefix+body as six base62 symbols. The checksum (the scheme GitHub introduced for its
/// tokens in 2021) lets scanners and servers reject typos and random look-alikes offline, without a lookup;
/// docs/token-format.md is the reference for users.
/// </summary>
internal static class TokenFormat
{
    /// <summary>Symbols in the checksum.</summary>
    public const int ChecksumLength = 6;

    /// <summary>Smallest accepted entropy in bits.</summary>
    public const int MinEntropyBits = 128;

    /// <summary>Largest accepted entropy in bits.</summary>
    public const int MaxEntropyBits = 1024;

    /// <summary>Longest prefix.</summary>
    public const int MaxPrefixLength = 16;

    /// <summary>What a prefix must match (same as the CRD's pattern).</summary>
    public const string PrefixPattern = "^[a-z][a-z0-9_]{0,15}$";

    /// <summary>
    /// What any token of this format matches: prefix, then 22 to 172 body symbols plus the 6 checksum symbols. The
    /// checksum is what really identifies a token; see <see cref="Verify"/>.
    /// </summary>
    public const string TokenPattern = "^[a-z][a-z0-9_]{0,15}[0-9A-Za-z]{28,178}$";

    /// <summary>Body length for a given entropy: ceil(bits / log2(62)).</summary>
    /// <param name="entropyBits">Requested entropy.</param>
    /// <returns>Number of base62 symbols.</returns>
    public static int BodyLength(int entropyBits) => (int)Math.Ceiling(entropyBits / Base62.BitsPerSymbol);

    /// <summary>Creates a token from a cryptographically secure random source.</summary>
    /// <param name="prefix">Prefix matching <see cref="PrefixPattern"/>.</param>
    /// <param name="entropyBits">Entropy of the body, between 128 and 1024.</param>
    /// <returns>The token as ASCII bytes, ready for a Secret; the caller owns (and should clear) the buffer.</returns>
    public static byte[] Generate(string prefix, int entropyBits) => Generate(prefix, entropyBits, SymbolSource.Random)!;

    /// <summary>
    /// Creates a token whose body symbols come from <paramref name="symbols"/>: the operating system's CSPRNG, or
    /// bytes derived in an HSM (<see cref="SymbolSource.FromBytes"/>), so both kinds of token share one encoding.
    /// </summary>
    /// <returns>The token as ASCII bytes; null when a finite source ran out.</returns>
    public static byte[]? Generate(string prefix, int entropyBits, SymbolSource symbols)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(symbols);
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException("The token prefix must match " + PrefixPattern + ".", nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(entropyBits, MinEntropyBits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(entropyBits, MaxEntropyBits);

        int signed = prefix.Length + BodyLength(entropyBits);
        var chars = new char[signed + ChecksumLength];
        try
        {
            prefix.CopyTo(chars);

            // Each symbol is drawn uniformly (no modulo bias): GetItems from the OS CSPRNG, or rejection sampling.
            if (!symbols.Fill(Base62.Alphabet, chars.AsSpan(prefix.Length, signed - prefix.Length)))
            {
                return null;
            }

            var bytes = new byte[chars.Length];
            Encoding.ASCII.GetBytes(chars.AsSpan(0, signed), bytes);
            Base62.EncodeFixed(Crc32.Compute(bytes.AsSpan(0, signed)), chars.AsSpan(signed));
            Encoding.ASCII.GetBytes(chars.AsSpan(signed), bytes.AsSpan(signed));
            return bytes;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(chars.AsSpan()));
        }
    }

    /// <summary>
    /// Checks a token's shape and checksum, offline. A valid result means "well formed and typed correctly", not
    /// "issued by us": compare the fingerprint (SHA-256) with a published one for that.
    /// </summary>
    /// <param name="token">The token text.</param>
    /// <param name="expectedPrefix">When set, the token must start with it.</param>
    /// <returns>Valid, or the reason for rejection (never quoting the token).</returns>
    public static TokenVerification Verify(ReadOnlySpan<char> token, string? expectedPrefix = null)
    {
        const int MinLength = 1 + 22 + ChecksumLength;
        const int MaxLength = MaxPrefixLength + 172 + ChecksumLength;
        if (token.IsEmpty)
        {
            return TokenVerification.Invalid("The token is empty.");
        }

        if (token.Length < MinLength)
        {
            return TokenVerification.Invalid("The token is too short.");
        }

        if (token.Length > MaxLength)
        {
            return TokenVerification.Invalid("The token is too long.");
        }

        if (expectedPrefix is not null && !token.StartsWith(expectedPrefix, StringComparison.Ordinal))
        {
            return TokenVerification.Invalid("The token does not start with the expected prefix.");
        }

        if (!char.IsAsciiLetterLower(token[0]))
        {
            return TokenVerification.Invalid("The token must start with a lowercase letter.");
        }

        // Underscores only occur in the prefix, which is at most 16 characters long.
        int lastUnderscore = token.LastIndexOf('_');
        if (lastUnderscore >= MaxPrefixLength)
        {
            return TokenVerification.Invalid("The token has an underscore after its prefix.");
        }

        foreach (char c in token)
        {
            if (!Base62.IsSymbol(c) && c != '_')
            {
                return TokenVerification.Invalid("The token contains a character outside [0-9A-Za-z_].");
            }
        }

        int signed = token.Length - ChecksumLength;
        Span<byte> ascii = stackalloc byte[MaxLength];
        Encoding.ASCII.GetBytes(token[..signed], ascii);
        Span<char> expected = stackalloc char[ChecksumLength];
        Base62.EncodeFixed(Crc32.Compute(ascii[..signed]), expected);
        CryptographicOperations.ZeroMemory(ascii);
        return token[signed..].SequenceEqual(expected)
            ? TokenVerification.Valid
            : TokenVerification.Invalid("The checksum does not match: the token was mistyped, truncated or is not a KeyOperator token.");
    }

    /// <summary>True when <paramref name="prefix"/> matches <see cref="PrefixPattern"/>.</summary>
    /// <param name="prefix">Candidate prefix.</param>
    /// <returns>Whether the prefix is acceptable.</returns>
    public static bool IsValidPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length is 0 or > MaxPrefixLength || !char.IsAsciiLetterLower(prefix[0]))
        {
            return false;
        }

        foreach (char c in prefix)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
