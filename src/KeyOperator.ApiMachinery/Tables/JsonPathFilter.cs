// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.ApiMachinery.Tables;

/// <summary>A filter such as <c>@.type=="Ready"</c>: a relative path compared with a literal, or just a path (exists).</summary>
internal sealed class JsonPathFilter
{
    private readonly string _path;
    private readonly string? _operator;
    private readonly JsonNode? _literal;

    private JsonPathFilter(string path, string? op, JsonNode? literal)
    {
        _path = path;
        _operator = op;
        _literal = literal;
    }

    public static JsonPathFilter Parse(string expression)
    {
        foreach (var op in (string[])["==", "!="])
        {
            var at = expression.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return new JsonPathFilter(RelativePath(expression[..at]), op, Literal(expression[(at + 2)..].Trim()));
            }
        }

        return new JsonPathFilter(RelativePath(expression), null, null);
    }

    public bool Matches(JsonNode? item)
    {
        var values = SimpleJsonPath.Evaluate(item, _path);
        if (_operator is null)
        {
            return values.Count > 0;
        }

        var equal = values.Count > 0 && JsonNode.DeepEquals(values[0], _literal);
        return _operator == "==" ? equal : !equal;
    }

    private static string RelativePath(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('@'))
        {
            throw new FormatException("JSONPath filters must start with '@': " + text);
        }

        return trimmed[1..];
    }

    private static JsonNode? Literal(string text)
    {
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            return JsonValue.Create(text[1..^1]);
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new FormatException("Unsupported JSONPath filter literal: " + text, exception);
        }
    }
}
