// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.ApiKeys;

/// <summary>Extra metadata for the generated Secret. The operator's own labels and annotations always win.</summary>
internal sealed record SecretTemplate
{
    /// <summary>Labels to add to the Secret.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Annotations to add to the Secret.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
