// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Tests.TestSupport;

namespace KeyOperator.Runtime.Tests.Metrics;

/// <summary>
/// Proves the test parser is strict enough to judge our output: it must accept real expositions and the corpus
/// inputs prometheus/common's parser accepts, and reject every input that parser rejects (fixtures/prometheus).
/// </summary>
public sealed class PrometheusTextParserTests
{
    public static TheoryData<string> AcceptedFiles() =>
    [
        .. Directory.GetFiles(Fixtures.Path("prometheus", "prometheus-common-expfmt", "fuzz-corpus"), "from_test_parse_*")
            .Where(static f => !Path.GetFileName(f).StartsWith("from_test_parse_error_", StringComparison.Ordinal))
            .Select(static f => Path.GetFileName(f)!)
            .OrderBy(static f => f, StringComparer.Ordinal),
    ];

    public static TheoryData<string> RejectedFiles() =>
    [
        .. Directory.GetFiles(Fixtures.Path("prometheus", "prometheus-common-expfmt", "fuzz-corpus"), "from_test_parse_error_*")
            .Select(static f => Path.GetFileName(f)!)
            .OrderBy(static f => f, StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public void Parse_CorpusInputTheReferenceParserAccepts_Succeeds(string file)
    {
        var text = File.ReadAllText(Fixtures.Path("prometheus", "prometheus-common-expfmt", "fuzz-corpus", file));

        var families = PrometheusTextParser.Parse(text);

        // The families with samples each input holds, as prometheus/common's text_parse_test.go expects them
        // (summary and histogram series belong to their family; a HELP line alone makes no family there).
        Assert.Equal(ExpectedFamilies[file], families.Values.Count(static f => f.Samples.Count > 0));
    }

    private static readonly Dictionary<string, int> ExpectedFamilies = new(StringComparer.Ordinal)
    {
        ["from_test_parse_0"] = 0,
        ["from_test_parse_1"] = 3,
        ["from_test_parse_2"] = 2,
        ["from_test_parse_3"] = 4,
        ["from_test_parse_4"] = 1,
    };

    [Theory]
    [MemberData(nameof(RejectedFiles))]
    public void Parse_CorpusInputTheReferenceParserRejects_Throws(string file)
    {
        var text = File.ReadAllText(Fixtures.Path("prometheus", "prometheus-common-expfmt", "fuzz-corpus", file));

        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));
    }

    [Fact]
    public void Parse_DocumentationExample_ReadsFamiliesAndEscapes()
    {
        var text = File.ReadAllText(Fixtures.Path("prometheus", "doc-extracts", "exposition_formats-text-format-example.txt"));

        var families = PrometheusTextParser.Parse(text);

        Assert.Equal("counter", families["http_requests_total"].Type);
        Assert.Equal("histogram", families["http_request_duration_seconds"].Type);
        Assert.Equal(8, families["http_request_duration_seconds"].Samples.Count);
        var msdos = Assert.Single(families["msdos_file_access_time_seconds"].Samples);
        Assert.Equal(@"C:\DIR\FILE.TXT", msdos.Labels["path"]);
        Assert.Equal("Cannot find file:\n\"FILE.TXT\"", msdos.Labels["error"]);
        Assert.Equal(double.PositiveInfinity, families["something_weird"].Samples[0].Value);
    }

    [Fact]
    public void Parse_RealServerScrape_Succeeds()
    {
        var text = File.ReadAllText(Fixtures.Path("prometheus", "prometheus-common-expfmt", "text"));

        var families = PrometheusTextParser.Parse(text, requireGrouping: true);

        Assert.NotEmpty(families);
    }

    [Theory]
    [InlineData("a 1\na 2\n")]
    [InlineData("a 1\nb 1\na 2\n")]
    [InlineData("a 1")]
    public void Parse_GroupingRequiredAndViolated_Throws(string text)
    {
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text, requireGrouping: true));
    }
}
