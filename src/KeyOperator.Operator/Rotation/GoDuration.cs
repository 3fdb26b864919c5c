// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace KeyOperator.Operator.Rotation;

/// <summary>
/// Durations written the way Kubernetes writes them (<c>metav1.Duration</c>, i.e. Go's <c>time.ParseDuration</c>):
/// <c>720h</c>, <c>1h30m</c>, <c>90s</c>, <c>1.5h</c>, <c>250ms</c>.
/// </summary>
/// <remarks>
/// Semantics follow Go's <c>src/time/format.go</c> (<c>ParseDuration</c> and <c>Duration.String</c>) for the units
/// h, m, s and ms; Go's ns/us units are rejected because .NET ticks cannot hold them exactly and a rotation policy
/// never needs them. Days are deliberately not a unit (as in Go): "30d" is rejected with a hint to write 720h.
/// </remarks>
internal static class GoDuration
{
    private static readonly (string Unit, long Ticks)[] s_units =
    [
        ("ms", TimeSpan.TicksPerMillisecond),
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
    ];

    /// <summary>Parses a Go duration string or throws <see cref="FormatException"/> with a message safe to show.</summary>
    public static TimeSpan Parse(string text)
    {
        if (!TryParse(text, out TimeSpan value, out string? error))
        {
            throw new FormatException(error);
        }

        return value;
    }

    /// <summary>Parses a Go duration string; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out TimeSpan value, [NotNullWhen(false)] out string? error)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            error = "a duration must not be empty; write for example \"720h\", \"30m\" or \"1h30m\"";
            return false;
        }

        ReadOnlySpan<char> s = text;
        bool negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            error = null;
            return true;
        }

        if (s.IsEmpty)
        {
            error = Invalid(text, "no number after the sign");
            return false;
        }

        decimal totalTicks = 0;
        while (!s.IsEmpty)
        {
            int numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                numberLength++;
            }

            ReadOnlySpan<char> number = s[..numberLength];
            if (number.IsEmpty || number is "." || number.Count('.') > 1)
            {
                error = Invalid(text, "expected a number before each unit");
                return false;
            }

            s = s[numberLength..];
            int unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            ReadOnlySpan<char> unit = s[..unitLength];
            s = s[unitLength..];
            if (unit.IsEmpty)
            {
                error = Invalid(text, "missing unit after " + number.ToString() + " (use h, m, s or ms)");
                return false;
            }

            long unitTicks = UnitTicks(unit);
            if (unitTicks == 0)
            {
                string hint = unit is "d" ? " (days are not a unit: write 24h per day, e.g. 720h for 30 days)" : " (use h, m, s or ms)";
                error = Invalid(text, "unknown unit \"" + unit.ToString() + "\"" + hint);
                return false;
            }

            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal amount)
                || amount > TimeSpan.MaxValue.Ticks / unitTicks)
            {
                error = Invalid(text, "value out of range");
                return false;
            }

            totalTicks += amount * unitTicks;
            if (totalTicks > TimeSpan.MaxValue.Ticks)
            {
                error = Invalid(text, "value out of range");
                return false;
            }
        }

        // Go truncates to its 1 ns resolution; we truncate to the 100 ns tick.
        long ticks = (long)decimal.Truncate(totalTicks);
        value = TimeSpan.FromTicks(negative ? -ticks : ticks);
        error = null;
        return true;
    }

    /// <summary>Formats like Go's <c>Duration.String</c>: <c>720h0m0s</c>, <c>1m30s</c>, <c>1.5s</c>, <c>250ms</c>, <c>0s</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (value < TimeSpan.Zero)
        {
            builder.Append('-');
        }

        // Work in unsigned ticks so that TimeSpan.MinValue does not overflow on negation.
        ulong ticks = value < TimeSpan.Zero ? (ulong)-(value.Ticks + 1) + 1 : (ulong)value.Ticks;
        if (ticks < TimeSpan.TicksPerSecond)
        {
            AppendWithFraction(builder, ticks, (ulong)TimeSpan.TicksPerMillisecond);
            return builder.Append("ms").ToString();
        }

        ulong hours = ticks / (ulong)TimeSpan.TicksPerHour;
        ulong minutes = ticks / (ulong)TimeSpan.TicksPerMinute % 60;
        ulong secondTicks = ticks % (ulong)TimeSpan.TicksPerMinute;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        AppendWithFraction(builder, secondTicks, (ulong)TimeSpan.TicksPerSecond);
        return builder.Append('s').ToString();
    }

    private static void AppendWithFraction(StringBuilder builder, ulong ticks, ulong ticksPerUnit)
    {
        builder.Append((ticks / ticksPerUnit).ToString(CultureInfo.InvariantCulture));
        ulong fraction = ticks % ticksPerUnit;
        if (fraction == 0)
        {
            return;
        }

        int digits = (int)Math.Log10(ticksPerUnit);
        string text = fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        builder.Append('.').Append(text);
    }

    private static long UnitTicks(ReadOnlySpan<char> unit)
    {
        foreach ((string name, long ticks) in s_units)
        {
            if (unit.SequenceEqual(name))
            {
                return ticks;
            }
        }

        return 0;
    }

    private static string Invalid(string text, string reason) =>
        "invalid duration \"" + text + "\": " + reason;
}
