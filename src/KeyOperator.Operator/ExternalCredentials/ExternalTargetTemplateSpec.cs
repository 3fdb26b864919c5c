// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Shapes the target Secret: type, metadata and values built from the synced keys with {{ .key }} substitution only.</summary>
internal sealed record ExternalTargetTemplateSpec
{
    /// <summary>Secret type (default Opaque).</summary>
    [MaxLength(256)]
    public string? Type { get; init; }

    /// <summary>Labels and annotations.</summary>
    public TemplateMetadataSpec? Metadata { get; init; }

    /// <summary>Keys of the Secret whose values are templates over the synced keys, such as "postgres://{{ .user }}:{{ .password }}@db/app". Only {{ .key }} substitutions: no functions, no lookups.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }
}
