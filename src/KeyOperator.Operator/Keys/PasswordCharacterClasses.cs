// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Keys;

/// <summary>Character classes a generated password draws from; each enabled class appears at least once.</summary>
[Flags]
internal enum PasswordCharacterClasses
{
    /// <summary>No class; not a valid request.</summary>
    None = 0,

    /// <summary>a-z.</summary>
    Lowercase = 1,

    /// <summary>A-Z.</summary>
    Uppercase = 2,

    /// <summary>0-9.</summary>
    Digits = 4,

    /// <summary><see cref="PasswordGenerator.Symbols"/>.</summary>
    Symbols = 8,
}
