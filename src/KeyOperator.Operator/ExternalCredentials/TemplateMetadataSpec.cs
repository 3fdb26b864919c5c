// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Labels and annotations of the target Secret.</summary>
internal sealed record TemplateMetadataSpec
{
    /// <summary>Labels to set.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Annotations to set.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
