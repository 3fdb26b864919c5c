// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>
/// An equality-based label selector ("k=v,k2=v2"). The server filters with it; the informer checks it again so an
/// object that stops matching leaves the cache even if the source does not filter.
/// </summary>
public sealed class EqualitySelector
{
    /// <summary>Secrets the operator manages carry this label; informers over Secrets watch only these.</summary>
    public const string ManagedByKeyOperator = "app.kubernetes.io/managed-by=key-operator";

    private readonly KeyValuePair<string, string>[] _requirements;

    private EqualitySelector(string text, KeyValuePair<string, string>[] requirements)
    {
        Text = text;
        _requirements = requirements;
    }

    /// <summary>The selector as sent to the server.</summary>
    public string Text { get; }

    /// <summary>Parses "k=v" terms separated by commas ("==" is accepted as "="). Throws on other operators.</summary>
    public static EqualitySelector Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var requirements = new List<KeyValuePair<string, string>>();
        foreach (var term in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var normalized = term.Replace("==", "=", StringComparison.Ordinal);
            var index = normalized.IndexOf('=', StringComparison.Ordinal);
            if (index <= 0 || normalized.Contains("!", StringComparison.Ordinal) || normalized.IndexOf('=', index + 1) >= 0)
            {
                throw new FormatException($"Only equality-based selector terms are supported: '{term}'.");
            }

            requirements.Add(new(normalized[..index].Trim(), normalized[(index + 1)..].Trim()));
        }

        return new EqualitySelector(text, [.. requirements]);
    }

    /// <summary>True when every term matches <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var (key, value) in _requirements)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
