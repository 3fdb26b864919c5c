// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Errors;

namespace KeyOperator.ControlPlane.Selectors;

/// <summary>A field selector (<c>=</c>, <c>==</c>, <c>!=</c>, comma-separated and ANDed). Custom resources support only
/// <c>metadata.name</c> and <c>metadata.namespace</c>; built-ins additionally accept any simple dotted path.</summary>
internal sealed class FieldSelector
{
    private readonly List<(string Path, string Value, bool Equal)> _terms;

    private FieldSelector(List<(string Path, string Value, bool Equal)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public static FieldSelector Parse(string? text, bool builtIn)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, string, bool)>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var ne = part.IndexOf("!=", StringComparison.Ordinal);
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            (string path, string value, bool equal) term = ne > 0
                ? (part[..ne], part[(ne + 2)..], false)
                : eq > 0 ? (part[..eq], part[(eq + 1)..].TrimStart('='), true) : throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            if (!builtIn && term.path is not ("metadata.name" or "metadata.namespace"))
            {
                throw ApiErrors.BadRequest($"field label not supported: {term.path}");
            }

            terms.Add(term);
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (path, value, equal) in _terms)
        {
            JsonNode? node = obj;
            foreach (var segment in path.Split('.'))
            {
                node = node is JsonObject o ? o[segment] : null;
            }

            var actual = node is JsonValue v ? v.ToString() : string.Empty;
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }
}
