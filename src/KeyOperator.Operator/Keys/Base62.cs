// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Keys;

/// <summary>Base62 with the alphabet 0-9, A-Z, a-z: URL-, filename- and double-click-safe, no padding.</summary>
internal static class Base62
{
    /// <summary>The 62 symbols in value order.</summary>
    public const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Bits of information per symbol, log2(62).</summary>
    public static readonly double BitsPerSymbol = Math.Log2(62);

    /// <summary>
    /// Writes <paramref name="value"/> most significant digit first, left-padded with '0' to the whole of
    /// <paramref name="destination"/>. Six symbols hold any 32-bit value (62^6 &gt; 2^32).
    /// </summary>
    /// <param name="value">The number to encode.</param>
    /// <param name="destination">Receives exactly destination.Length symbols.</param>
    public static void EncodeFixed(ulong value, Span<char> destination)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }

        if (value != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "The value does not fit in the given width.");
        }
    }

    /// <summary>True for the symbols of <see cref="Alphabet"/>.</summary>
    /// <param name="c">Character to test.</param>
    /// <returns>Whether <paramref name="c"/> is a base62 symbol.</returns>
    public static bool IsSymbol(char c) => char.IsAsciiLetterOrDigit(c);
}
