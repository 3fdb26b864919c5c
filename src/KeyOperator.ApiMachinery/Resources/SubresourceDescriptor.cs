// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.Resources;

/// <summary>
/// A subresource other than <c>status</c> whose request and response kind differ from the parent's, such as
/// <c>serviceaccounts/token</c> (an <c>authentication.k8s.io/v1</c> TokenRequest). Discovery advertises it with that
/// kind's group and version, as the apiserver does.
/// </summary>
public sealed record SubresourceDescriptor
{
    /// <summary>The path segment after the object name, such as <c>token</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Group of the request and response kind; empty for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>Version of the request and response kind.</summary>
    public required string Version { get; init; }

    /// <summary>The request and response kind, such as <c>TokenRequest</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Verbs served on the subresource.</summary>
    public required IReadOnlyList<string> Verbs { get; init; }
}
