// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using YamlDotNet.RepresentationModel;

namespace KeyOperator.Kubernetes;

/// <summary>Small accessors over YamlDotNet's representation model.</summary>
internal static class YamlValues
{
    public static YamlNode? Get(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

    public static string? GetString(YamlMappingNode mapping, string key) => Get(mapping, key) switch
    {
        YamlScalarNode { Value: var value } scalar when !IsNull(scalar) => value,
        _ => null,
    };

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null";
}
