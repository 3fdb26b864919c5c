// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json.Nodes;

namespace KeyOperator.ApiMachinery.Tables;

/// <summary>
/// The JSONPath subset CRD printer columns use: <c>.a.b</c>, <c>['key.with.dots']</c>, <c>[0]</c>, <c>[*]</c> and
/// filters <c>[?(@.field=="value")]</c> (also <c>!=</c> and single quotes); an optional <c>{…}</c> wrapper is accepted.
/// </summary>
internal static class SimpleJsonPath
{
    /// <summary>Every node the path selects, in document order; empty when nothing matches.</summary>
    /// <param name="root">The object to evaluate against.</param>
    /// <param name="path">The expression, such as <c>.status.conditions[?(@.type=="Ready")].status</c>.</param>
    /// <exception cref="FormatException">The expression is outside the supported subset.</exception>
    public static IReadOnlyList<JsonNode?> Evaluate(JsonNode? root, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = path.Trim();
        if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1].Trim();
        }

        IReadOnlyList<JsonNode?> current = [root];
        var position = 0;
        if (text.StartsWith('$'))
        {
            position = 1;
        }

        while (position < text.Length)
        {
            current = text[position] switch
            {
                '.' => Field(current, ReadName(text, ref position)),
                '[' => Bracket(current, text, ref position),
                _ => throw new FormatException("Unsupported JSONPath: " + path),
            };
        }

        return current;
    }

    /// <summary>The first selected node, or null.</summary>
    /// <param name="root">The object to evaluate against.</param>
    /// <param name="path">The expression.</param>
    public static JsonNode? First(JsonNode? root, string path) => Evaluate(root, path) is [var first, ..] ? first : null;

    private static string ReadName(string text, ref int position)
    {
        var start = ++position;
        while (position < text.Length && text[position] is not ('.' or '['))
        {
            position++;
        }

        return text[start..position];
    }

    private static List<JsonNode?> Field(IReadOnlyList<JsonNode?> nodes, string name)
    {
        var result = new List<JsonNode?>();
        foreach (var node in nodes)
        {
            if (name is "*" or "")
            {
                if (node is JsonObject all)
                {
                    result.AddRange(all.Select(p => p.Value));
                }
                else if (node is JsonArray items)
                {
                    result.AddRange(items);
                }
            }
            else if (node is JsonObject obj && obj.TryGetPropertyValue(name, out var value))
            {
                result.Add(value);
            }
        }

        return result;
    }

    private static List<JsonNode?> Bracket(IReadOnlyList<JsonNode?> nodes, string text, ref int position)
    {
        var end = FindClose(text, position);
        var inner = text[(position + 1)..end].Trim();
        position = end + 1;
        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            var filter = JsonPathFilter.Parse(inner[2..^1]);
            return [.. nodes.OfType<JsonArray>().SelectMany(a => a).Where(filter.Matches)];
        }

        if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
        {
            return Field(nodes, inner[1..^1]);
        }

        if (inner == "*")
        {
            return Field(nodes, "*");
        }

        if (!int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            throw new FormatException("Unsupported JSONPath subscript: " + inner);
        }

        var result = new List<JsonNode?>();
        foreach (var array in nodes.OfType<JsonArray>())
        {
            var i = index < 0 ? array.Count + index : index;
            if (i >= 0 && i < array.Count)
            {
                result.Add(array[i]);
            }
        }

        return result;
    }

    private static int FindClose(string text, int open)
    {
        char? quote = null;
        for (var i = open + 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return i;
            }
        }

        throw new FormatException("Unclosed '[' in JSONPath: " + text);
    }
}
