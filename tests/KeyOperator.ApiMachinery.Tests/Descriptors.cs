// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.Tests;

/// <summary>Descriptors shared by the tests: a built-in Namespace and ConfigMap and a CRD-defined Widget.</summary>
internal static class Descriptors
{
    public static ResourceDescriptor Namespace { get; } = new()
    {
        Group = string.Empty,
        Version = "v1",
        Kind = "Namespace",
        Plural = "namespaces",
        Singular = "namespace",
        Namespaced = false,
        ShortNames = ["ns"],
        Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
        HasStatusSubresource = true,
        BuiltIn = true,
    };

    public static ResourceDescriptor ConfigMap { get; } = new()
    {
        Group = string.Empty,
        Version = "v1",
        Kind = "ConfigMap",
        Plural = "configmaps",
        Singular = "configmap",
        Namespaced = true,
        ShortNames = ["cm"],
        BuiltIn = true,
    };

    public static ResourceDescriptor Crd { get; } = new()
    {
        Group = "apiextensions.k8s.io",
        Version = "v1",
        Kind = "CustomResourceDefinition",
        Plural = "customresourcedefinitions",
        Singular = "customresourcedefinition",
        Namespaced = false,
        ShortNames = ["crd", "crds"],
        HasStatusSubresource = true,
        BuiltIn = true,
    };

    public static ResourceDescriptor Widget { get; } = WidgetVersion("v1");

    public static ResourceDescriptor WidgetVersion(string version) => new()
    {
        Group = "example.com",
        Version = version,
        Kind = "Widget",
        Plural = "widgets",
        Singular = "widget",
        Namespaced = true,
        ShortNames = ["wi"],
        Categories = ["all", "example"],
        HasStatusSubresource = true,
        Schema = WidgetSchema(),
        PrinterColumns =
        [
            new PrinterColumn { Name = "Size", Type = "string", JsonPath = ".spec.size" },
            new PrinterColumn { Name = "Ready", Type = "string", JsonPath = ".status.conditions[?(@.type==\"Ready\")].status", Priority = 1 },
        ],
    };

    public static JsonObject WidgetSchema() => (JsonObject)JsonNode.Parse("""
        {"type":"object","description":"A widget.","properties":{
          "spec":{"type":"object","required":["size"],"properties":{
            "size":{"type":"string","description":"How big.","enum":["S","M","L"]},"color":{"type":"string"}}},
          "status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}
        """)!;

    public static IReadOnlyList<ResourceDescriptor> All { get; } = [Namespace, ConfigMap, Crd, Widget, WidgetVersion("v2")];
}
