// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>One meta/v1 label selector expression: <c>key</c>, <c>operator</c> (In, NotIn, Exists, DoesNotExist), <c>values</c>.</summary>
internal sealed record LabelSelectorRequirement
{
    public required string Key { get; init; }

    public required string Operator { get; init; }

    public IReadOnlyList<string> Values { get; init; } = [];

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        bool present = labels.TryGetValue(Key, out string? value);
        return Operator switch
        {
            "In" => present && Values.Contains(value, StringComparer.Ordinal),
            "NotIn" => !present || !Values.Contains(value, StringComparer.Ordinal),
            "Exists" => present,
            "DoesNotExist" => !present,
            _ => false,
        };
    }
}
