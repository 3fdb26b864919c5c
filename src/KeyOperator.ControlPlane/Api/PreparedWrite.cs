// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>A validated write waiting for admission and commit. <see cref="Old"/> is the exact stored instance it was
/// computed from, so the commit can detect a concurrent change by reference.</summary>
internal sealed record PreparedWrite
{
    public required ResourceDescriptor Descriptor { get; init; }

    public required ResourceKey Key { get; init; }

    public string? Namespace { get; init; }

    public required string Name { get; init; }

    public JsonObject? Old { get; init; }

    public required JsonObject Candidate { get; init; }

    public string? Subresource { get; init; }

    /// <summary>True when the write changes nothing: the old object is returned and nothing is persisted.</summary>
    public bool NoOp { get; init; }
}
