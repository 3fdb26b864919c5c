// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;

namespace KeyOperator.Operator.Rotation;

/// <summary>
/// The pod-template annotation that restarts a workload and records for which key versions it was restarted:
/// <c>keyoperator.io/restarted-for: "api-a=4,api-b=7"</c>. Changing it rolls the pods (as kubectl rollout restart's
/// annotation does); reading it tells a planner whether its version was already covered, so a workload shared by
/// several rotating keys is restarted once, and a restart is never repeated after a crash.
/// </summary>
internal static class RestartAnnotation
{
    /// <summary>Annotation name on <c>spec.template.metadata.annotations</c>.</summary>
    public const string Name = "keyoperator.io/restarted-for";

    /// <summary>The version of <paramref name="apiKeyName"/> recorded in <paramref name="value"/>, if any.</summary>
    public static int? VersionFor(string? value, string apiKeyName)
    {
        ArgumentNullException.ThrowIfNull(apiKeyName);
        return Parse(value).TryGetValue(apiKeyName, out int version) ? version : null;
    }

    /// <summary>
    /// <paramref name="existing"/> with each entry raised to at least the given version; entries of other keys are
    /// kept. Canonical (sorted by name), so the same inputs always produce the same text and a re-run patches nothing.
    /// </summary>
    public static string Merge(string? existing, IEnumerable<KeyValuePair<string, int>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        SortedDictionary<string, int> merged = Parse(existing);
        foreach ((string name, int version) in entries)
        {
            merged[name] = merged.TryGetValue(name, out int old) && old > version ? old : version;
        }

        var builder = new StringBuilder();
        foreach ((string name, int version) in merged)
        {
            builder.Append(builder.Length == 0 ? string.Empty : ",").Append(name).Append('=')
                .Append(version.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    private static SortedDictionary<string, int> Parse(string? value)
    {
        var result = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(value))
        {
            return result;
        }

        foreach (string entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = entry.LastIndexOf('=');
            if (equals > 0 && int.TryParse(entry.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int version))
            {
                result[entry[..equals]] = version;
            }
        }

        return result;
    }
}
