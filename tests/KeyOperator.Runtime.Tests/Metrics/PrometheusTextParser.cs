// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;

namespace KeyOperator.Runtime.Tests.Metrics;

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4, written from the format's rules as
/// prometheus/common expfmt/text_parse.go enforces them (escape sets, HELP/TYPE placement, float and int parsing,
/// quantile/le checks, mandatory final line feed). With <c>requireGrouping</c> it also demands what a well-behaved
/// exposer does: every family's lines contiguous, HELP and TYPE before its samples, no duplicate series.
/// </summary>
internal sealed class PrometheusTextParser
{
    private static readonly string[] s_types = ["counter", "gauge", "histogram", "summary", "untyped"];
    private readonly Dictionary<string, ParsedFamily> _families = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seriesSeen = new(StringComparer.Ordinal);
    private readonly bool _requireGrouping;
    private string _text = string.Empty;
    private int _pos;
    private int _line;
    private string? _currentFamily;

    private PrometheusTextParser(bool requireGrouping) => _requireGrouping = requireGrouping;

    public static IReadOnlyDictionary<string, ParsedFamily> Parse(string text, bool requireGrouping = false)
    {
        var parser = new PrometheusTextParser(requireGrouping) { _text = text };
        parser.Run();
        return parser._families;
    }

    private char Current => _pos < _text.Length ? _text[_pos] : '\0';

    private bool AtEnd => _pos >= _text.Length;

    private void Run()
    {
        while (!AtEnd)
        {
            _line++;
            SkipBlanks();
            if (AtEnd)
            {
                throw Error("unexpected end of input stream");
            }

            if (Current == '\n')
            {
                _pos++;
                continue;
            }

            if (Current == '#')
            {
                _pos++;
                ParseComment();
            }
            else
            {
                ParseSample();
            }
        }
    }

    private void ParseComment()
    {
        SkipBlanks();
        var keyword = ReadWhile(static c => c is not (' ' or '\t' or '\n'));
        if (keyword is not ("HELP" or "TYPE"))
        {
            SkipToLineEnd();
            return;
        }

        SkipBlanks();
        if (Current == '\n')
        {
            // "# HELP" with nothing after it is only a comment.
            _pos++;
            return;
        }

        var name = ReadMetricName();
        if (Current == '\n')
        {
            // A name with nothing after it is not a syntax error either: the line is ignored (text_parse.go).
            _pos++;
            return;
        }

        var family = GetFamily(name);
        if (keyword == "HELP")
        {
            if (family.Help is not null)
            {
                throw Error($"second HELP line for metric name \"{name}\"");
            }

            ExpectBlank();
            SkipBlanks();
            family.Help = ReadEscapedUntilLineEnd();
            return;
        }

        ExpectBlank();
        SkipBlanks();
        var type = ReadWhile(static c => c is not (' ' or '\t' or '\n'));
        if (!s_types.Contains(type))
        {
            throw Error($"unknown metric type \"{type}\"");
        }

        if (family.Type is not null)
        {
            throw Error($"second TYPE line for metric name \"{name}\", or TYPE reported after samples");
        }

        family.Type = type;
        SkipBlanks();
        ExpectLineEnd();
    }

    private void ParseSample()
    {
        var name = ReadMetricName();
        var family = FamilyOfSample(name);
        family.Type ??= "untyped";
        SkipBlanks();
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Current == '{')
        {
            _pos++;
            ParseLabels(labels, family, name);
            SkipBlanks();
        }

        var valueToken = ReadWhile(static c => c is not (' ' or '\t' or '\n'));
        var value = ParseFloat(valueToken) ?? throw Error($"expected float as value, got \"{valueToken}\"");
        long? timestamp = null;
        SkipBlanks();
        if (Current != '\n')
        {
            var token = ReadWhile(static c => c is not (' ' or '\t' or '\n'));
            if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ts))
            {
                throw Error($"expected integer as timestamp, got \"{token}\"");
            }

            timestamp = ts;
            SkipBlanks();
        }

        ExpectLineEnd();
        if (_requireGrouping && !_seriesSeen.Add(name + "{" + string.Join(",", labels.Select(l => $"{l.Key}={l.Value}")) + "}"))
        {
            throw Error($"duplicate series for \"{name}\"");
        }

        family.Samples.Add(new ParsedSample(name, labels, value, timestamp));
    }

    private void ParseLabels(SortedDictionary<string, string> labels, ParsedFamily family, string sampleName)
    {
        while (true)
        {
            SkipBlanks();
            if (Current == '}')
            {
                _pos++;
                return;
            }

            var labelName = ReadWhile(static c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_');
            if (labelName.Length == 0 || char.IsDigit(labelName[0]))
            {
                throw Error($"invalid label name at '{Current}'");
            }

            if (labelName == "__name__")
            {
                throw Error("label name \"__name__\" is reserved");
            }

            SkipBlanks();
            Expect('=', "expected '=' after label name");
            SkipBlanks();
            Expect('"', "expected '\"' at start of label value");
            var value = ReadLabelValue();
            if (!labels.TryAdd(labelName, value))
            {
                throw Error($"duplicate label name \"{labelName}\"");
            }

            if ((family.Type == "summary" && labelName == "quantile" && sampleName == family.Name)
                || (family.Type == "histogram" && labelName == "le" && sampleName == family.Name + "_bucket"))
            {
                _ = ParseFloat(value) ?? throw Error($"expected float as value for '{labelName}' label, got \"{value}\"");
            }

            SkipBlanks();
            if (Current == ',')
            {
                _pos++;
                continue;
            }

            if (Current != '}')
            {
                throw Error($"unexpected '{Current}' after label value");
            }
        }
    }

    private string ReadLabelValue()
    {
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw Error("label value contains a line break or is unterminated");
            }

            var c = _text[_pos++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escaped = Current;
            _pos++;
            builder.Append(escaped switch
            {
                '\\' => '\\',
                '"' => '"',
                'n' => '\n',
                _ => throw Error($"invalid escape sequence '\\{escaped}'"),
            });
        }
    }

    private string ReadEscapedUntilLineEnd()
    {
        var builder = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("unexpected end of input stream");
            }

            var c = _text[_pos++];
            if (c == '\n')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            var escaped = Current;
            _pos++;
            builder.Append(escaped switch
            {
                '\\' => '\\',
                'n' => '\n',
                _ => throw Error($"invalid escape sequence '\\{escaped}'"),
            });
        }
    }

    private ParsedFamily FamilyOfSample(string name)
    {
        if (_families.TryGetValue(name, out var exact))
        {
            return Enter(exact);
        }

        foreach (var suffix in (string[])["_sum", "_count", "_bucket"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && _families.TryGetValue(name[..^suffix.Length], out var parent)
                && (parent.Type == "histogram" || (parent.Type == "summary" && suffix != "_bucket")))
            {
                return Enter(parent);
            }
        }

        return GetFamily(name);
    }

    private ParsedFamily GetFamily(string name)
    {
        if (!_families.TryGetValue(name, out var family))
        {
            family = new ParsedFamily(name);
            _families.Add(name, family);
        }

        return Enter(family);
    }

    private ParsedFamily Enter(ParsedFamily family)
    {
        if (_requireGrouping && _currentFamily != family.Name)
        {
            if (_finished.Contains(family.Name))
            {
                throw Error($"lines of family \"{family.Name}\" are not contiguous");
            }

            if (_currentFamily is not null)
            {
                _finished.Add(_currentFamily);
            }

            _currentFamily = family.Name;
        }

        return family;
    }

    private string ReadMetricName()
    {
        var name = ReadWhile(static c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or ':');
        if (name.Length == 0 || char.IsDigit(name[0]))
        {
            throw Error($"invalid metric name at '{Current}'");
        }

        return name;
    }

    private static double? ParseFloat(string token)
    {
        var body = token.TrimStart('+', '-');
        if (token.Length - body.Length > 1)
        {
            return null;
        }

        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            return token.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        var digits = body.Length > 0 && (char.IsAsciiDigit(body[0]) || body[0] == '.');
        return digits && double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private string ReadWhile(Func<char, bool> predicate)
    {
        var start = _pos;
        while (!AtEnd && predicate(_text[_pos]))
        {
            _pos++;
        }

        return _text[start.._pos];
    }

    private void SkipBlanks()
    {
        while (!AtEnd && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private void SkipToLineEnd()
    {
        while (!AtEnd && _text[_pos] != '\n')
        {
            _pos++;
        }

        ExpectLineEnd();
    }

    private void ExpectBlank()
    {
        if (Current is not (' ' or '\t'))
        {
            throw Error($"expected blank, got '{Current}'");
        }
    }

    private void ExpectLineEnd()
    {
        if (AtEnd)
        {
            throw Error("unexpected end of input stream");
        }

        Expect('\n', "extra tokens at end of line");
    }

    private void Expect(char expected, string message)
    {
        if (AtEnd || _text[_pos] != expected)
        {
            throw Error(message);
        }

        _pos++;
    }

    private FormatException Error(string message) => new($"text format parsing error in line {_line}: {message}");
}
