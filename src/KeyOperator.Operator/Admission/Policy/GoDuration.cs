// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>
/// Go duration strings ("90m", "1h30m", "720h", "1.5h"), the wire form of meta/v1 Duration.
/// Semantics follow Go's time.ParseDuration and Duration.String (go/src/time/format.go): a sequence of
/// decimal numbers with units ns, us (µs), ms, s, m, h; a lone "0" is allowed; there is no day unit.
/// </summary>
internal static class GoDuration
{
    private static readonly (string Unit, double Ticks)[] s_units =
    [
        ("ns", 0.01),
        ("us", 10),
        ("\u00b5s", 10),
        ("\u03bcs", 10),
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
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
            return true;
        }

        if (s.IsEmpty)
        {
            return false;
        }

        double ticks = 0;
        while (!s.IsEmpty)
        {
            int numberLength = 0;
            while (numberLength < s.Length && (char.IsAsciiDigit(s[numberLength]) || s[numberLength] == '.'))
            {
                numberLength++;
            }

            ReadOnlySpan<char> number = s[..numberLength];
            if (number.IsEmpty || number is "." || number.IndexOf('.') != number.LastIndexOf('.'))
            {
                return false;
            }

            s = s[numberLength..];
            int unitLength = 0;
            while (unitLength < s.Length && !char.IsAsciiDigit(s[unitLength]) && s[unitLength] != '.')
            {
                unitLength++;
            }

            double? unitTicks = UnitTicks(s[..unitLength]);
            if (unitTicks is null)
            {
                return false;
            }

            s = s[unitLength..];
            ticks += double.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * unitTicks.Value;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                return false;
            }
        }

        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    /// <summary>Formats like Go's Duration.String for whole seconds and above: "72h0m0s", "1m30s", "0s".</summary>
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
            value = value.Duration();
        }

        long hours = (long)value.TotalHours;
        double seconds = value.TotalSeconds - (hours * 3600) - (value.Minutes * 60);
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || value.Minutes > 0)
        {
            builder.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        builder.Append(seconds.ToString("0.#########", CultureInfo.InvariantCulture)).Append('s');
        return builder.ToString();
    }

    private static double? UnitTicks(ReadOnlySpan<char> unit)
    {
        foreach ((string name, double ticks) in s_units)
        {
            if (unit.SequenceEqual(name))
            {
                return ticks;
            }
        }

        return null;
    }
}
