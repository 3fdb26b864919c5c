// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;

namespace KeyOperator.ApiMachinery.Tables;

/// <summary>Renders ages the way the apiserver's Table printers do (<c>16s</c>, <c>5m3s</c>, <c>3h12m</c>, <c>2d</c>).</summary>
/// <remarks>Port of <c>HumanDuration</c> in k8s.io/apimachinery <c>pkg/util/duration/duration.go</c>.</remarks>
internal static class HumanDuration
{
    /// <summary>Formats <paramref name="duration"/> with about 2–3 significant figures.</summary>
    /// <param name="duration">Elapsed time; up to 2 s negative counts as now (clock skew), more as <c>&lt;invalid&gt;</c>.</param>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 60 * 2)
        {
            return Invariant($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? Invariant($"{minutes}m") : Invariant($"{minutes}m{s}s");
        }

        if (minutes < 60 * 3)
        {
            return Invariant($"{minutes}m");
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? Invariant($"{hours}h") : Invariant($"{hours}h{m}m");
        }

        if (hours < 48)
        {
            return Invariant($"{hours}h");
        }

        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? Invariant($"{hours / 24}d") : Invariant($"{hours / 24}d{h}h");
        }

        if (hours < 24 * 365 * 2)
        {
            return Invariant($"{hours / 24}d");
        }

        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? Invariant($"{hours / 24 / 365}y") : Invariant($"{hours / 24 / 365}y{days}d");
        }

        return Invariant($"{hours / 24 / 365}y");
    }

    /// <summary>Age of an RFC 3339 timestamp at <paramref name="now"/>; <c>&lt;unknown&gt;</c> when absent or unparsable.</summary>
    /// <param name="timestamp">Timestamp text such as <c>metadata.creationTimestamp</c>.</param>
    /// <param name="now">The current time, from the injected <see cref="TimeProvider"/>.</param>
    public static string Since(string? timestamp, DateTimeOffset now) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var then)
            ? Format(now - then)
            : "<unknown>";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
