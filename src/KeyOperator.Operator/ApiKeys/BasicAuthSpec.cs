// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel;
using System.Text.Json.Serialization;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>
/// A username with a generated password. The password contains at least one character of every enabled class
/// and is otherwise uniformly random.
/// </summary>
internal sealed record BasicAuthSpec
{
    /// <summary>Default of <see cref="PasswordLength"/>.</summary>
    public const int DefaultPasswordLength = 32;

    /// <summary>Creates settings; omitted values take the documented defaults.</summary>
    /// <param name="passwordLength">See <see cref="PasswordLength"/>.</param>
    /// <param name="lowercase">See <see cref="Lowercase"/>.</param>
    /// <param name="uppercase">See <see cref="Uppercase"/>.</param>
    /// <param name="digits">See <see cref="Digits"/>.</param>
    [JsonConstructor]
    public BasicAuthSpec(int passwordLength = DefaultPasswordLength, bool lowercase = true, bool uppercase = true, bool digits = true)
    {
        // A constructor, not property initializers: see TokenSpec (dotnet/runtime#84484).
        PasswordLength = passwordLength;
        Lowercase = lowercase;
        Uppercase = uppercase;
        Digits = digits;
    }

    /// <summary>Username stored next to the password; the operator does not change it on rotation.</summary>
    [Required]
    [MinLength(1)]
    [MaxLength(256)]
    public string? Username { get; init; }

    /// <summary>Number of characters in the password. Defaults to 32.</summary>
    [DefaultValue(DefaultPasswordLength)]
    [Minimum(12)]
    [Maximum(256)]
    public int PasswordLength { get; init; }

    /// <summary>Use lowercase letters a-z. Defaults to true.</summary>
    [DefaultValue(true)]
    public bool Lowercase { get; init; }

    /// <summary>Use uppercase letters A-Z. Defaults to true.</summary>
    [DefaultValue(true)]
    public bool Uppercase { get; init; }

    /// <summary>Use digits 0-9. Defaults to true.</summary>
    [DefaultValue(true)]
    public bool Digits { get; init; }

    /// <summary>
    /// Use the symbols !#%&amp;*+-.:=?@^_~ (no quotes, backslash, dollar sign or space, which tend to break shell
    /// scripts and configuration files). Defaults to false.
    /// </summary>
    [DefaultValue(false)]
    public bool Symbols { get; init; }
}
