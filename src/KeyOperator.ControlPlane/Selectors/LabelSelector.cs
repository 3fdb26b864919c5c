// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Errors;

namespace KeyOperator.ControlPlane.Selectors;

/// <summary>A parsed label selector (apimachinery <c>pkg/labels/selector.go</c> syntax): <c>=</c>, <c>==</c>, <c>!=</c>,
/// <c>in</c>, <c>notin</c>, existence and <c>!</c> non-existence, comma-separated and ANDed.</summary>
internal sealed class LabelSelector
{
    private readonly List<Func<JsonObject?, bool>> _requirements;

    private LabelSelector(List<Func<JsonObject?, bool>> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Func<JsonObject?, bool>>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    public bool Matches(JsonObject obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        return _requirements.All(r => r(labels));
    }

    private static Func<JsonObject?, bool> ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw Invalid(whole);
        }

        if (part.StartsWith('!'))
        {
            var key = part[1..].Trim();
            return labels => labels?[key] is null;
        }

        var notIn = part.IndexOf(" notin ", StringComparison.Ordinal);
        if (notIn > 0)
        {
            var key = part[..notIn].Trim();
            var values = ParseSet(part[(notIn + 7)..], whole);
            return labels => Value(labels, key) is not { } v || !values.Contains(v);
        }

        var inIndex = part.IndexOf(" in ", StringComparison.Ordinal);
        if (inIndex > 0)
        {
            var key = part[..inIndex].Trim();
            var values = ParseSet(part[(inIndex + 4)..], whole);
            return labels => Value(labels, key) is { } v && values.Contains(v);
        }

        var ne = part.IndexOf("!=", StringComparison.Ordinal);
        if (ne > 0)
        {
            var key = part[..ne].Trim();
            var value = part[(ne + 2)..].Trim();
            return labels => Value(labels, key) != value;
        }

        var eq = part.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            var key = part[..eq].Trim();
            var value = part[(eq + 1)..].TrimStart('=').Trim();
            return labels => Value(labels, key) == value;
        }

        if (part.Contains(' ', StringComparison.Ordinal) || part.Contains('(', StringComparison.Ordinal))
        {
            throw Invalid(whole);
        }

        return labels => labels?[part] is not null;
    }

    private static string? Value(JsonObject? labels, string key) => labels?[key] is JsonValue v ? v.ToString() : null;

    private static HashSet<string> ParseSet(string text, string whole)
    {
        text = text.Trim();
        if (!text.StartsWith('(') || !text.EndsWith(')'))
        {
            throw Invalid(whole);
        }

        return text[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                depth++;
            }
            else if (text[i] == ')')
            {
                depth--;
            }
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static ApiException Invalid(string text) => ApiErrors.BadRequest($"unable to parse requirement: found '{text}', expected: identifier");
}
