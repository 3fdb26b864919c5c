// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Metrics;

/// <summary>Name rules of the Prometheus data model (metric: [a-zA-Z_:][a-zA-Z0-9_:]*, label: [a-zA-Z_][a-zA-Z0-9_]*).</summary>
internal static class MetricName
{
    public static void ValidateMetric(string name)
    {
        if (!IsValid(name, allowColon: true))
        {
            throw new ArgumentException($"'{name}' is not a valid metric name.", nameof(name));
        }
    }

    public static void ValidateLabel(string name)
    {
        // Names starting with __ are reserved for Prometheus itself; le and quantile carry bucket/quantile bounds.
        if (!IsValid(name, allowColon: false) || name.StartsWith("__", StringComparison.Ordinal) || name is "le" or "quantile")
        {
            throw new ArgumentException($"'{name}' is not a valid label name.", nameof(name));
        }
    }

    public static bool IsValid(string? name, bool allowColon)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_'
                || (allowColon && c == ':')
                || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
