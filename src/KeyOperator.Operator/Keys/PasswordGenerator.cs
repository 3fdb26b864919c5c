// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace KeyOperator.Operator.Keys;

/// <summary>
/// Random passwords over chosen character classes. Drawing every character uniformly from the union and redrawing
/// the whole password until each class is present (rejection sampling) keeps the result uniform over all passwords
/// that satisfy the rule; forcing one character per class into fixed or shuffled positions would not.
/// </summary>
internal static class PasswordGenerator
{
    /// <summary>Symbols used when <see cref="PasswordCharacterClasses.Symbols"/> is on: no quotes, backslash, dollar sign or space.</summary>
    public const string Symbols = "!#%&*+-.:=?@^_~";

    private const string Lowercase = "abcdefghijklmnopqrstuvwxyz";
    private const string Uppercase = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    // With length >= 12 a redraw is needed in under 10% of attempts; this bound only stops a logic error from spinning.
    private const int MaxAttempts = 10_000;

    /// <summary>Generates a password.</summary>
    /// <param name="length">Number of characters; at least the number of enabled classes.</param>
    /// <param name="classes">Enabled classes; at least one.</param>
    /// <returns>The password as ASCII bytes; the caller owns (and should clear) the buffer.</returns>
    public static byte[] Generate(int length, PasswordCharacterClasses classes) => Generate(length, classes, SymbolSource.Random)!;

    /// <summary>Generates a password whose characters come from <paramref name="symbols"/> (the CSPRNG, or bytes derived in an HSM).</summary>
    /// <returns>The password as ASCII bytes; null when a finite source ran out.</returns>
    public static byte[]? Generate(int length, PasswordCharacterClasses classes, SymbolSource symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        string[] sets = SetsOf(classes);
        if (sets.Length == 0)
        {
            throw new ArgumentException("At least one character class must be enabled.", nameof(classes));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(length, sets.Length);
        string alphabet = string.Concat(sets);
        var chars = new char[length];
        try
        {
            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                if (!symbols.Fill(alphabet, chars))
                {
                    return null;
                }

                if (ContainsEvery(chars, sets))
                {
                    return Encoding.ASCII.GetBytes(chars);
                }
            }

            throw new InvalidOperationException("Could not draw a password containing every enabled character class.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(chars.AsSpan()));
        }
    }

    private static string[] SetsOf(PasswordCharacterClasses classes)
    {
        var sets = new List<string>(4);
        if (classes.HasFlag(PasswordCharacterClasses.Lowercase))
        {
            sets.Add(Lowercase);
        }

        if (classes.HasFlag(PasswordCharacterClasses.Uppercase))
        {
            sets.Add(Uppercase);
        }

        if (classes.HasFlag(PasswordCharacterClasses.Digits))
        {
            sets.Add(Digits);
        }

        if (classes.HasFlag(PasswordCharacterClasses.Symbols))
        {
            sets.Add(Symbols);
        }

        return [.. sets];
    }

    private static bool ContainsEvery(ReadOnlySpan<char> password, string[] sets)
    {
        foreach (string set in sets)
        {
            if (password.IndexOfAny(set) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
