// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;

namespace KeyOperator.Runtime.Metrics;

/// <summary>Escaping and number formatting of the text exposition format 0.0.4 (prometheus/common expfmt/text_create.go).</summary>
internal static class TextFormat
{
    /// <summary>HELP text escapes only backslash and line feed.</summary>
    public static string EscapeHelp(string help) => Escape(help, escapeQuote: false);

    /// <summary>Label values escape backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) => Escape(value, escapeQuote: true);

    /// <summary>Formats like Go's strconv.FormatFloat(f, 'g', -1, 64), which the reference client uses.</summary>
    public static string FormatValue(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
        {
            return value.ToString("0", CultureInfo.InvariantCulture);
        }

        return value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    public static void WriteLabels(TextWriter writer, IReadOnlyList<string> names, string[] values, string? extraName, string? extraValue)
    {
        if (names.Count == 0 && extraName is null)
        {
            return;
        }

        writer.Write('{');
        var first = true;
        for (var i = 0; i < names.Count; i++)
        {
            WriteLabel(writer, names[i], values[i], ref first);
        }

        if (extraName is not null)
        {
            WriteLabel(writer, extraName, extraValue ?? string.Empty, ref first);
        }

        writer.Write('}');
    }

    private static void WriteLabel(TextWriter writer, string name, string value, ref bool first)
    {
        if (!first)
        {
            writer.Write(',');
        }

        first = false;
        writer.Write(name);
        writer.Write("=\"");
        writer.Write(EscapeLabelValue(value));
        writer.Write('"');
    }

    private static string Escape(string text, bool escapeQuote)
    {
        if (text.AsSpan().IndexOfAny('\\', '\n', '"') < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '"' when escapeQuote:
                    builder.Append("\\\"");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
