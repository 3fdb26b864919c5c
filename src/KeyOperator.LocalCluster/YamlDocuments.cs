// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KeyOperator.LocalCluster;

/// <summary>
/// Reads Kubernetes manifests (multi-document YAML) into JSON objects through YamlDotNet's representation model,
/// which needs no reflection. Plain scalars are typed as YAML 1.2's core schema types them; quoted ones stay strings.
/// </summary>
internal static class YamlDocuments
{
    public static IReadOnlyList<JsonObject> Parse(string yaml)
    {
        YamlStream stream = [];
        stream.Load(new StringReader(yaml));
        List<JsonObject> documents = [];
        foreach (YamlDocument document in stream.Documents)
        {
            if (ToJson(document.RootNode) is JsonObject obj)
            {
                documents.Add(obj);
            }
        }

        return documents;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ToObject(mapping),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => ToScalar(scalar),
        _ => null,
    };

    private static JsonObject ToObject(YamlMappingNode mapping)
    {
        JsonObject obj = [];
        foreach ((YamlNode key, YamlNode value) in mapping.Children)
        {
            obj[((YamlScalarNode)key).Value ?? string.Empty] = ToJson(value);
        }

        return obj;
    }

    private static JsonNode? ToScalar(YamlScalarNode scalar)
    {
        string? text = scalar.Value;
        if (scalar.Style is not ScalarStyle.Plain || text is null)
        {
            return JsonValue.Create(text ?? string.Empty);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && text.Any(char.IsDigit) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }
}
