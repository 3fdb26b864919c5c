// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using KeyOperator.Operator.Rotation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>
/// Reads the <c>--policy-file</c> YAML through YamlDotNet's representation model (no reflection, trim-safe).
/// Unknown keys are errors: a misspelt limit silently not enforced is worse than a refused start.
/// </summary>
internal static class PolicyFileParser
{
    public const string ApiVersion = "keyoperator.io/v1alpha1";
    public const string Kind = "AdmissionPolicy";

    private static readonly string[] s_formats = ["token", "hmac", "rsa", "ecdsa", "basicAuth"];
    private static readonly string[] s_operators = ["In", "NotIn", "Exists", "DoesNotExist"];

    public static AdmissionPolicy Parse(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new PolicyFileException($"policy file: line {ex.Start.Line}: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return AdmissionPolicy.Empty;
        }

        if (stream.Documents.Count > 1)
        {
            throw new PolicyFileException("policy file: expected one YAML document");
        }

        YamlMappingNode root = Mapping(stream.Documents[0].RootNode, "policy");
        var policy = new AdmissionPolicy();
        foreach ((YamlNode keyNode, YamlNode value) in root.Children)
        {
            string key = Scalar(keyNode, "policy key");
            policy = key switch
            {
                "apiVersion" => Expect(policy, value, key, ApiVersion),
                "kind" => Expect(policy, value, key, Kind),
                "minTokenEntropyBits" => policy with { MinTokenEntropyBits = PositiveInt(value, key) },
                "minHmacBytes" => policy with { MinHmacBytes = PositiveInt(value, key) },
                "minRsaBits" => policy with { MinRsaBits = PositiveInt(value, key) },
                "allowedFormats" => policy with { AllowedFormats = Formats(value, key) },
                "maxRotationInterval" => policy with { MaxRotationInterval = Duration(value, key) },
                "minGracePeriod" => policy with { MinGracePeriod = Duration(value, key) },
                "requireRotation" => policy with { RequireRotation = Rotation(value, key) },
                "allowInsecureProviderEndpoints" => policy with { AllowInsecureProviderEndpoints = Boolean(value, key) },
                _ => throw Error(keyNode, $"unknown field \"{key}\""),
            };
        }

        return policy;
    }

    private static AdmissionPolicy Expect(AdmissionPolicy policy, YamlNode node, string field, string expected)
    {
        string actual = Scalar(node, field);
        return actual == expected ? policy : throw Error(node, $"{field}: expected \"{expected}\", got \"{actual}\"");
    }

    private static bool Boolean(YamlNode node, string field)
    {
        string text = Scalar(node, field);
        return text switch
        {
            "true" => true,
            "false" => false,
            _ => throw Error(node, $"{field}: \"{text}\" is not true or false"),
        };
    }

    private static int PositiveInt(YamlNode node, string field)
    {
        string text = Scalar(node, field);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw Error(node, $"{field}: \"{text}\" is not a positive integer");
    }

    private static PolicyDuration Duration(YamlNode node, string field)
    {
        string text = Scalar(node, field);
        return GoDuration.TryParse(text, out TimeSpan value, out _) && value > TimeSpan.Zero
            ? new PolicyDuration(value, text)
            : throw Error(node, $"{field}: \"{text}\" is not a positive duration such as \"720h\" or \"90m\"");
    }

    private static string[] Formats(YamlNode node, string field)
    {
        string[] formats = Strings(node, field);
        foreach (string format in formats)
        {
            if (!s_formats.Contains(format, StringComparer.Ordinal))
            {
                throw Error(node, $"{field}: unknown format \"{format}\" (known: {string.Join(", ", s_formats)})");
            }
        }

        return formats;
    }

    private static RotationRequirement Rotation(YamlNode node, string field)
    {
        var requirement = new RotationRequirement();
        if (node is YamlScalarNode { Value: null or "" })
        {
            return requirement;
        }

        foreach ((YamlNode keyNode, YamlNode value) in Mapping(node, field).Children)
        {
            string key = Scalar(keyNode, field);
            requirement = key == "namespaceSelector"
                ? requirement with { NamespaceSelector = Selector(value, $"{field}.{key}") }
                : throw Error(keyNode, $"{field}: unknown field \"{key}\"");
        }

        return requirement;
    }

    internal static NamespaceSelector Selector(YamlNode node, string field)
    {
        var selector = new NamespaceSelector();
        if (node is YamlScalarNode { Value: null or "" })
        {
            return selector;
        }

        foreach ((YamlNode keyNode, YamlNode value) in Mapping(node, field).Children)
        {
            string key = Scalar(keyNode, field);
            selector = key switch
            {
                "matchLabels" => selector with { MatchLabels = Labels(value, $"{field}.{key}") },
                "matchExpressions" => selector with { MatchExpressions = Expressions(value, $"{field}.{key}") },
                _ => throw Error(keyNode, $"{field}: unknown field \"{key}\""),
            };
        }

        return selector;
    }

    private static Dictionary<string, string> Labels(YamlNode node, string field)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((YamlNode keyNode, YamlNode value) in Mapping(node, field).Children)
        {
            labels[Scalar(keyNode, field)] = Scalar(value, field);
        }

        return labels;
    }

    private static List<LabelSelectorRequirement> Expressions(YamlNode node, string field)
    {
        if (node is not YamlSequenceNode sequence)
        {
            throw Error(node, $"{field}: expected a list");
        }

        var requirements = new List<LabelSelectorRequirement>();
        foreach (YamlNode item in sequence.Children)
        {
            string? key = null;
            string? op = null;
            string[] values = [];
            foreach ((YamlNode keyNode, YamlNode value) in Mapping(item, field).Children)
            {
                switch (Scalar(keyNode, field))
                {
                    case "key":
                        key = Scalar(value, $"{field}.key");
                        break;
                    case "operator":
                        op = Scalar(value, $"{field}.operator");
                        break;
                    case "values":
                        values = Strings(value, $"{field}.values");
                        break;
                    default:
                        throw Error(keyNode, $"{field}: unknown field \"{Scalar(keyNode, field)}\"");
                }
            }

            if (string.IsNullOrEmpty(key) || op is null || !s_operators.Contains(op, StringComparer.Ordinal))
            {
                throw Error(item, $"{field}: each expression needs a key and an operator among {string.Join(", ", s_operators)}");
            }

            bool needsValues = op is "In" or "NotIn";
            if (needsValues != (values.Length > 0))
            {
                throw Error(item, $"{field}: operator {op} {(needsValues ? "needs" : "takes no")} values");
            }

            requirements.Add(new LabelSelectorRequirement { Key = key, Operator = op, Values = values });
        }

        return requirements;
    }

    private static string[] Strings(YamlNode node, string field) => node is YamlSequenceNode sequence
        ? [.. sequence.Children.Select(child => Scalar(child, field))]
        : throw Error(node, $"{field}: expected a list");

    private static YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw Error(node, $"{field}: expected a mapping");

    private static string Scalar(YamlNode node, string field) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"{field}: expected a single value");

    private static PolicyFileException Error(YamlNode node, string message) =>
        new($"policy file: line {node.Start.Line}: {message}");
}
