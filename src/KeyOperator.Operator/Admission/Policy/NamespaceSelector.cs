// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>
/// A meta/v1 LabelSelector. As in Kubernetes, an empty selector matches everything and all terms are ANDed
/// (apimachinery pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector).
/// </summary>
internal sealed record NamespaceSelector
{
    public IReadOnlyDictionary<string, string> MatchLabels { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<LabelSelectorRequirement> MatchExpressions { get; init; } = [];

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (KeyValuePair<string, string> pair in MatchLabels)
        {
            if (!labels.TryGetValue(pair.Key, out string? value) || !string.Equals(value, pair.Value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return MatchExpressions.All(requirement => requirement.Matches(labels));
    }
}
