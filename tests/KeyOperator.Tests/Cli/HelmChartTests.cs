// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using System.Text.RegularExpressions;
using KeyOperator.Cli;
using KeyOperator.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace KeyOperator.Tests.Cli;

/// <summary>
/// What can be checked of the Helm chart without a helm binary (there is none on these machines): the templates and
/// values.yaml agree with each other, and the Deployment passes only flags that <c>key-operator run</c> accepts.
/// </summary>
public sealed partial class HelmChartTests
{
    private static readonly string Chart = Path.Combine(RepositoryPaths.Root, "charts", "key-operator");

    [Fact]
    public void Templates_EveryValuesReference_DefinedInValuesYaml()
    {
        HashSet<string> defined = ValuePaths();

        string[] missing = [.. References().Where(r => !defined.Contains(r)).Order(StringComparer.Ordinal)];

        Assert.Empty(missing);
    }

    [Fact]
    public void ValuesYaml_EveryValue_UsedByATemplate()
    {
        string[] references = [.. References()];

        // A value counts as used when a template reads it, one of its parents (toYaml of a block) or one of its children.
        string[] unused = [.. ValuePaths().Where(v => !references.Any(r => r == v || v.StartsWith(r + ".", StringComparison.Ordinal) || r.StartsWith(v + ".", StringComparison.Ordinal))).Order(StringComparer.Ordinal)];

        Assert.Empty(unused);
    }

    [Fact]
    public void Deployment_ContainerArgs_AcceptedByRunCommand()
    {
        string[] lines = File.ReadAllLines(Path.Combine(Chart, "templates", "deployment.yaml"));
        int start = Array.FindIndex(lines, l => l.Trim() == "args:");
        int end = Array.FindIndex(lines, start + 1, l => l.Trim() == "env:");
        string[] args = [.. lines[(start + 1)..end]
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("- ", StringComparison.Ordinal))
            .Select(l => TemplateExpression().Replace(l[2..], "1"))];

        ParseResult result = new RootCommand { RunCommand.Create() }.Parse(args);

        Assert.Equal("run", args[0]);
        Assert.True(args.Length > 5, string.Join(' ', args));
        Assert.Empty(result.Errors.Select(e => e.Message));
    }

    private static IEnumerable<string> References() =>
        Directory.EnumerateFiles(Path.Combine(Chart, "templates"))
            .SelectMany(f => ValuesReference().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal);

    private static HashSet<string> ValuePaths()
    {
        YamlStream yaml = [];
        using (StreamReader reader = File.OpenText(Path.Combine(Chart, "values.yaml")))
        {
            yaml.Load(reader);
        }

        HashSet<string> paths = new(StringComparer.Ordinal);
        Walk((YamlMappingNode)yaml.Documents[0].RootNode, string.Empty, paths);
        return paths;
    }

    private static void Walk(YamlMappingNode node, string prefix, HashSet<string> paths)
    {
        foreach ((YamlNode key, YamlNode value) in node.Children)
        {
            string path = prefix + ((YamlScalarNode)key).Value;
            paths.Add(path);
            if (value is YamlMappingNode { Children.Count: > 0 } child)
            {
                Walk(child, path + ".", paths);
            }
        }
    }

    [GeneratedRegex(@"\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"\{\{[^}]*\}\}")]
    private static partial Regex TemplateExpression();
}
