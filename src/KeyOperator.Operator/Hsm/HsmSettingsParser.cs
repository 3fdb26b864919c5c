// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using KeyOperator.Operator.Admission.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KeyOperator.Operator.Hsm;

/// <summary>
/// Reads the <c>--hsm-config</c> YAML as the policy file is read (YamlDotNet's representation model, no reflection):
/// every error names the line and the field, and unknown keys are errors, since a misspelt selector that silently
/// allowed every namespace would open the HSM to all of them.
/// </summary>
internal static partial class HsmSettingsParser
{
    public const int MaxSessionsLimit = 64;

    public static HsmSettings Parse(string yaml, Func<string, bool>? moduleExists = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        moduleExists ??= File.Exists;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new HsmConfigException($"hsm config: line {ex.Start.Line}: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return HsmSettings.Empty;
        }

        if (stream.Documents.Count > 1)
        {
            throw new HsmConfigException("hsm config: expected one YAML document");
        }

        YamlMappingNode root = Mapping(stream.Documents[0].RootNode, "hsm config");
        var settings = HsmSettings.Empty;
        foreach ((YamlNode keyNode, YamlNode value) in root.Children)
        {
            string key = Scalar(keyNode, "hsm config key");
            settings = key == "hsms"
                ? settings with { Hsms = Hsms(value, moduleExists) }
                : throw Error(keyNode, $"unknown field \"{key}\" (known: hsms)");
        }

        return settings;
    }

    private static List<HsmDefinition> Hsms(YamlNode node, Func<string, bool> moduleExists)
    {
        if (node is not YamlSequenceNode sequence)
        {
            throw Error(node, "hsms: expected a list");
        }

        var hsms = new List<HsmDefinition>();
        for (int i = 0; i < sequence.Children.Count; i++)
        {
            string path = $"hsms[{i.ToString(CultureInfo.InvariantCulture)}]";
            HsmDefinition hsm = Definition(sequence.Children[i], path, moduleExists);
            if (hsms.Any(h => h.Name == hsm.Name))
            {
                throw Error(sequence.Children[i], $"{path}.name: \"{hsm.Name}\" is used twice; names must be unique");
            }

            hsms.Add(hsm);
        }

        return hsms;
    }

    private static HsmDefinition Definition(YamlNode node, string path, Func<string, bool> moduleExists)
    {
        YamlMappingNode mapping = Mapping(node, path);
        string? name = null, module = null, token = null;
        HsmPinSecretRef? pin = null;
        NamespaceSelector? selector = null;
        int maxSessions = 4;
        foreach ((YamlNode keyNode, YamlNode value) in mapping.Children)
        {
            string key = Scalar(keyNode, path);
            string field = $"{path}.{key}";
            switch (key)
            {
                case "name":
                    name = Scalar(value, field);
                    if (!DnsLabel().IsMatch(name))
                    {
                        throw Error(value, $"{field}: \"{name}\" is not a DNS label (lowercase letters, digits and '-', at most 63)");
                    }

                    break;
                case "module":
                    module = Scalar(value, field);
                    if (!Path.IsPathFullyQualified(module))
                    {
                        throw Error(value, $"{field}: \"{module}\" is not an absolute path");
                    }

                    if (!moduleExists(module))
                    {
                        throw Error(value, $"{field}: {module} does not exist");
                    }

                    break;
                case "tokenLabel":
                    token = Scalar(value, field);
                    if (token.Length == 0 || Encoding.UTF8.GetByteCount(token) > 32)
                    {
                        throw Error(value, $"{field}: a token label has 1 to 32 bytes");
                    }

                    break;
                case "pinSecretRef":
                    pin = PinRef(value, field);
                    break;
                case "namespaceSelector":
                    try
                    {
                        selector = PolicyFileParser.Selector(value, field);
                    }
                    catch (PolicyFileException ex)
                    {
                        // Same selector grammar as the policy file; only the prefix differs.
                        throw new HsmConfigException(ex.Message.Replace("policy file:", "hsm config:", StringComparison.Ordinal), ex);
                    }

                    break;
                case "maxSessions":
                    string text = Scalar(value, field);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out maxSessions) || maxSessions is < 1 or > MaxSessionsLimit)
                    {
                        throw Error(value, $"{field}: \"{text}\" is not an integer between 1 and {MaxSessionsLimit}");
                    }

                    break;
                default:
                    throw Error(keyNode, $"{path}: unknown field \"{key}\" (known: name, module, tokenLabel, pinSecretRef, namespaceSelector, maxSessions)");
            }
        }

        return new HsmDefinition
        {
            Name = name ?? throw Error(node, $"{path}.name: required"),
            Module = module ?? throw Error(node, $"{path}.module: required"),
            TokenLabel = token ?? throw Error(node, $"{path}.tokenLabel: required"),
            PinSecretRef = pin ?? throw Error(node, $"{path}.pinSecretRef: required (a Secret in the operator's namespace: {{name, key}})"),

            // Required on purpose: who may use an HSM is a decision, and {} (every namespace) must be written down.
            NamespaceSelector = selector ?? throw Error(node, $"{path}.namespaceSelector: required; {{}} allows every namespace"),
            MaxSessions = maxSessions,
        };
    }

    private static HsmPinSecretRef PinRef(YamlNode node, string path)
    {
        string? name = null, key = null;
        foreach ((YamlNode keyNode, YamlNode value) in Mapping(node, path).Children)
        {
            string field = Scalar(keyNode, path);
            switch (field)
            {
                case "name":
                    name = Scalar(value, $"{path}.name");
                    if (!DnsSubdomain().IsMatch(name) || name.Length > 253)
                    {
                        throw Error(value, $"{path}.name: \"{name}\" is not a valid Secret name");
                    }

                    break;
                case "key":
                    key = Scalar(value, $"{path}.key");
                    if (!SecretKey().IsMatch(key) || key.Length > 253)
                    {
                        throw Error(value, $"{path}.key: \"{key}\" is not a valid Secret data key");
                    }

                    break;
                default:
                    throw Error(keyNode, $"{path}: unknown field \"{field}\" (known: name, key)");
            }
        }

        return new HsmPinSecretRef(
            name ?? throw Error(node, $"{path}.name: required"),
            key ?? throw Error(node, $"{path}.key: required"));
    }

    private static YamlMappingNode Mapping(YamlNode node, string field) =>
        node as YamlMappingNode ?? throw Error(node, $"{field}: expected a mapping");

    private static string Scalar(YamlNode node, string field) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"{field}: expected a single value");

    private static HsmConfigException Error(YamlNode node, string message) =>
        new($"hsm config: line {node.Start.Line}: {message}");

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex SecretKey();
}

/// <summary>The HSM settings file is invalid; the message names the line and the field.</summary>
internal sealed class HsmConfigException : Exception
{
    public HsmConfigException()
    {
    }

    public HsmConfigException(string message)
        : base(message)
    {
    }

    public HsmConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
