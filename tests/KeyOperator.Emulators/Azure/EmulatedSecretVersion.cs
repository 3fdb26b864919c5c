// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Azure;

/// <summary>One version of a secret in the Key Vault emulator.</summary>
internal sealed class EmulatedSecretVersion(string version, string value, DateTimeOffset created, IReadOnlyDictionary<string, string>? tags)
{
    public string Version { get; } = version;

    public string Value { get; } = value;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset Updated { get; set; } = created;

    public bool Enabled { get; set; } = true;

    public IReadOnlyDictionary<string, string>? Tags { get; } = tags;
}
