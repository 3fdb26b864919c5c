// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KeyOperator.Operator.Rotation.Cron;

/// <summary>
/// One field of a 5-field cron expression, held as a bit set of the values it allows. Grammar as robfig/cron v3
/// <c>parser.go</c> (<c>getField</c>/<c>getRange</c>): comma lists of <c>*</c>, <c>a</c>, <c>a-b</c>, each with an
/// optional <c>/step</c>; <c>a/step</c> means from a to the field's maximum.
/// </summary>
/// <remarks>
/// Kept beside Cronos because Cronos reads a different grammar (see <see cref="CronSchedule"/>) and reports a
/// position rather than a field; the bit sets parsed here are what Cronos is given.
/// </remarks>
internal sealed record CronField
{
    private CronField(ulong bits, bool isStar)
    {
        Bits = bits;
        IsStar = isStar;
    }

    /// <summary>The allowed values: bit n set means value n matches.</summary>
    public ulong Bits { get; }

    /// <summary>
    /// True when an item of the field is an unstepped <c>*</c> or <c>?</c> (or steps by 1). As in robfig/cron v3
    /// <c>getRange</c> (<c>starBit</c>, cleared when <c>step &gt; 1</c>), such a day-of-month or day-of-week field
    /// means "no restriction" for the day-matching rule, while <c>*/2</c> counts as a restriction.
    /// </summary>
    public bool IsStar { get; }

    /// <summary>True when <paramref name="value"/> is allowed.</summary>
    public bool Matches(int value) => (Bits & (1UL << value)) != 0;

    /// <summary>Parses one field; <paramref name="names"/> maps three-letter names (lower case) to values.</summary>
    public static bool TryParse(
        string text,
        string fieldName,
        int min,
        int max,
        IReadOnlyDictionary<string, int>? names,
        bool allowQuestionMark,
        [NotNullWhen(true)] out CronField? field,
        [NotNullWhen(false)] out string? error)
    {
        field = null;
        ulong bits = 0;
        bool isStar = false;
        foreach (string item in text.Split(','))
        {
            if (!TryParseItem(item, fieldName, min, max, names, allowQuestionMark, out ulong itemBits, out bool itemStar, out error))
            {
                return false;
            }

            bits |= itemBits;
            isStar |= itemStar;
        }

        field = new CronField(bits, isStar);
        error = null;
        return true;
    }

    private static bool TryParseItem(
        string item,
        string fieldName,
        int min,
        int max,
        IReadOnlyDictionary<string, int>? names,
        bool allowQuestionMark,
        out ulong bits,
        out bool isStar,
        [NotNullWhen(false)] out string? error)
    {
        bits = 0;
        isStar = false;
        string[] rangeAndStep = item.Split('/');
        if (rangeAndStep.Length > 2 || item.Length == 0)
        {
            error = fieldName + ": invalid item \"" + item + "\"";
            return false;
        }

        int step = 1;
        if (rangeAndStep.Length == 2
            && (!int.TryParse(rangeAndStep[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0))
        {
            error = fieldName + ": step in \"" + item + "\" must be a positive number";
            return false;
        }

        string range = rangeAndStep[0];
        int start;
        int end;
        if (range == "*" || (allowQuestionMark && range == "?"))
        {
            start = min;
            end = max;
            isStar = step == 1;
        }
        else
        {
            string[] bounds = range.Split('-');
            if (bounds.Length > 2
                || !TryParseValue(bounds[0], names, out start)
                || !TryParseValue(bounds[^1], names, out end))
            {
                error = fieldName + ": \"" + item + "\" is not a number" + (names is null ? string.Empty : " or name");
                return false;
            }

            if (bounds.Length == 1 && rangeAndStep.Length == 2)
            {
                end = max;
            }
        }

        if (start < min || end > max || start > end)
        {
            error = fieldName + ": \"" + item + "\" is outside " + min.ToString(CultureInfo.InvariantCulture)
                + "-" + max.ToString(CultureInfo.InvariantCulture) + " or runs backwards";
            return false;
        }

        for (int value = start; value <= end; value += step)
        {
            bits |= 1UL << value;
        }

        error = null;
        return true;
    }

    private static bool TryParseValue(string text, IReadOnlyDictionary<string, int>? names, out int value)
    {
        if (names is not null && names.TryGetValue(text.ToLowerInvariant(), out value))
        {
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
