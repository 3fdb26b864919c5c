// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;

namespace KeyOperator.Operator.Keys;

/// <summary>
/// Draws symbols uniformly from an alphabet: the token and password encodings ask this instead of the CSPRNG
/// directly, so a key derived in an HSM is encoded exactly as a random one.
/// </summary>
internal abstract class SymbolSource
{
    /// <summary>The operating system's CSPRNG (RandomNumberGenerator.GetItems); never runs out.</summary>
    public static SymbolSource Random { get; } = new RandomSource();

    /// <summary>
    /// Symbols from a fixed byte string by rejection sampling: a byte b is used only when b &lt; 256 - 256 mod n (then
    /// b mod n is uniform), otherwise skipped. Deterministic: the same bytes give the same symbols.
    /// </summary>
    public static SymbolSource FromBytes(byte[] bytes) => new ByteSource(bytes);

    /// <summary>Fills <paramref name="destination"/>; false when the source ran out first.</summary>
    public abstract bool Fill(ReadOnlySpan<char> alphabet, Span<char> destination);

    private sealed class RandomSource : SymbolSource
    {
        public override bool Fill(ReadOnlySpan<char> alphabet, Span<char> destination)
        {
            RandomNumberGenerator.GetItems(alphabet, destination);
            return true;
        }
    }

    private sealed class ByteSource(byte[] bytes) : SymbolSource
    {
        private int _next;

        public override bool Fill(ReadOnlySpan<char> alphabet, Span<char> destination)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(alphabet.Length, 256);
            int limit = 256 - (256 % alphabet.Length);
            for (int i = 0; i < destination.Length; i++)
            {
                while (true)
                {
                    if (_next >= bytes.Length)
                    {
                        return false;
                    }

                    byte b = bytes[_next++];
                    if (b < limit)
                    {
                        destination[i] = alphabet[b % alphabet.Length];
                        break;
                    }
                }
            }

            return true;
        }
    }
}
