// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ApiMachinery.Resources;

/// <summary>
/// Everything the local control plane knows about one served resource (built-in or defined by a CRD version):
/// enough to route requests, answer discovery, render Tables and publish OpenAPI.
/// </summary>
public sealed record ResourceDescriptor
{
    /// <summary>API group; empty for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>Version, such as <c>v1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Kind, such as <c>Secret</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>List kind; defaults to <see cref="Kind"/> + <c>List</c>.</summary>
    public string ListKind => ListKindOverride ?? Kind + "List";

    /// <summary>Set when the list kind is not <see cref="Kind"/> + <c>List</c>.</summary>
    public string? ListKindOverride { get; init; }

    /// <summary>Plural resource name used in URLs, such as <c>secrets</c>.</summary>
    public required string Plural { get; init; }

    /// <summary>Singular resource name, such as <c>secret</c>.</summary>
    public required string Singular { get; init; }

    /// <summary>True for namespaced resources, false for cluster-scoped ones.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>Short names such as <c>ak</c>.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories such as <c>all</c> or <c>keyoperator</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Verbs served on the resource.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>True when the resource has a <c>/status</c> subresource.</summary>
    public bool HasStatusSubresource { get; init; }

    /// <summary>Subresources other than <c>status</c> (such as <c>serviceaccounts/token</c>), for discovery.</summary>
    public IReadOnlyList<SubresourceDescriptor> Subresources { get; init; } = [];

    /// <summary>The OpenAPI v3 schema of the whole object (for CRDs, the version's <c>openAPIV3Schema</c>); null when unknown.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>Extra Table columns (CRD <c>additionalPrinterColumns</c> or the built-in columns of a kind).</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>True for kinds that kubectl knows natively (they accept strategic merge patch and protobuf).</summary>
    public bool BuiltIn { get; init; }
}
