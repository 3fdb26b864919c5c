// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Webhooks;

/// <summary>Evaluates a structured meta/v1 LabelSelector (<c>matchLabels</c>, <c>matchExpressions</c>) as
/// <c>metav1.LabelSelectorAsSelector</c> does; a null or empty selector matches everything.</summary>
internal static class MetaLabelSelector
{
    public static bool Matches(JsonObject? selector, JsonObject? labels)
    {
        if (selector is null)
        {
            return true;
        }

        if (selector.GetObject("matchLabels") is { } matchLabels)
        {
            foreach (var (key, value) in matchLabels)
            {
                if (Label(labels, key) != value.AsString())
                {
                    return false;
                }
            }
        }

        foreach (var expression in (selector.GetArray("matchExpressions") ?? []).OfType<JsonObject>())
        {
            var key = expression.GetString("key") ?? string.Empty;
            var values = expression.GetArray("values").Strings().ToHashSet(StringComparer.Ordinal);
            var actual = Label(labels, key);
            var ok = expression.GetString("operator") switch
            {
                "In" => actual is not null && values.Contains(actual),
                "NotIn" => actual is null || !values.Contains(actual),
                "Exists" => actual is not null,
                "DoesNotExist" => actual is null,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static string? Label(JsonObject? labels, string key) => labels?[key].AsString();
}
