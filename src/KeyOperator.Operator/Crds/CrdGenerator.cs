// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using KeyOperator.Operator.Serialization;

namespace KeyOperator.Operator.Crds;

/// <summary>
/// Generates the CustomResourceDefinitions of KeyOperator's kinds from their C# types: the manifests in
/// config/crd/ and charts/key-operator/crds/, and the same objects as JSON for installing into a test control plane.
/// </summary>
/// <remarks>
/// Choices that keep the manifests stable under GitOps (Argo CD, Flux): only fields the apiserver stores as given
/// (no empty <c>required</c>, no printer-column <c>priority: 0</c>, no status), <c>type</c> on every schema node,
/// deterministic key order. At-most-one-format rules use <c>oneOf</c> with <c>required</c>/<c>not</c> instead of CEL
/// <c>x-kubernetes-validations</c>, which the local control plane does not evaluate.
/// </remarks>
internal static class CrdGenerator
{
    /// <summary>CRDs of every kind in <see cref="CustomResourceKinds.All"/>, as YAML files.</summary>
    /// <returns>File name (such as <c>keyoperator.io_apikeys.yaml</c>) and content, in registry order.</returns>
    public static IReadOnlyList<(string FileName, string Yaml)> GenerateAll() => GenerateAll(AppContext.BaseDirectory);

    /// <summary>CRDs of every kind, as YAML files, with documentation read from <paramref name="docsDirectory"/>.</summary>
    /// <param name="docsDirectory">Folder holding the assemblies' XML documentation files.</param>
    /// <returns>File name and content, in registry order.</returns>
    public static IReadOnlyList<(string FileName, string Yaml)> GenerateAll(string docsDirectory)
    {
        var docs = new XmlDocumentation(docsDirectory);
        return [.. CustomResourceKinds.All.Select(kind => (kind.FileName, YamlWriter.Write(Generate(kind, docs))))];
    }

    /// <summary>
    /// CRDs of every kind as JSON objects, ready to POST to <c>/apis/apiextensions.k8s.io/v1/customresourcedefinitions</c>.
    /// Descriptions are left out when the XML documentation files are not deployed next to the binary; validation,
    /// defaults and columns never depend on them.
    /// </summary>
    /// <returns>One object per kind, in registry order.</returns>
    public static JsonObject[] GenerateCrdObjects()
    {
        var docs = new XmlDocumentation(AppContext.BaseDirectory, required: false);
        return [.. CustomResourceKinds.All.Select(kind => Generate(kind, docs))];
    }

    /// <summary>The CRD of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="docs">Source of descriptions.</param>
    /// <returns>The CustomResourceDefinition object.</returns>
    public static JsonObject Generate(CustomResourceKind kind, XmlDocumentation docs)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(docs);
        JsonSerializerOptions options = OperatorJsonContext.Default.Options;
        JsonObject schema = new SchemaBuilder(options, docs).BuildRoot(kind.RootType);

        var version = new JsonObject
        {
            ["name"] = kind.Version,
            ["served"] = true,
            ["storage"] = true,
            ["schema"] = new JsonObject { ["openAPIV3Schema"] = schema },
        };
        if (kind.HasStatusSubresource)
        {
            version["subresources"] = new JsonObject { ["status"] = new JsonObject() };
        }

        if (kind.PrinterColumns.Count > 0)
        {
            version["additionalPrinterColumns"] = new JsonArray([.. kind.PrinterColumns.Select(PrinterColumn)]);
        }

        var names = new JsonObject
        {
            ["kind"] = kind.Kind,
            ["listKind"] = kind.Kind + "List",
            ["plural"] = kind.Plural,
            ["singular"] = kind.Singular,
        };
        if (kind.ShortNames.Count > 0)
        {
            names["shortNames"] = Strings(kind.ShortNames);
        }

        if (kind.Categories.Count > 0)
        {
            names["categories"] = Strings(kind.Categories);
        }

        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = kind.CrdName },
            ["spec"] = new JsonObject
            {
                ["group"] = kind.Group,
                ["names"] = names,
                ["scope"] = kind.Namespaced ? "Namespaced" : "Cluster",
                ["versions"] = new JsonArray(version),
            },
        };
    }

    private static JsonNode PrinterColumn(V1CustomResourceColumnDefinition column)
    {
        var node = new JsonObject { ["name"] = column.Name, ["type"] = column.Type, ["jsonPath"] = column.JsonPath };
        if (column.Description is not null)
        {
            node["description"] = column.Description;
        }

        if (column.Priority is { } priority and not 0)
        {
            node["priority"] = priority;
        }

        return node;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
