// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ControlPlane.Hooks;

/// <summary>What admission sees of a write.</summary>
internal sealed record AdmissionRequest
{
    public required ResourceDescriptor Descriptor { get; init; }

    /// <summary>CREATE or UPDATE.</summary>
    public required string Operation { get; init; }

    /// <summary>The object as it would be stored. Do not mutate.</summary>
    public required JsonObject Object { get; init; }

    public JsonObject? OldObject { get; init; }

    public string? Subresource { get; init; }

    public bool DryRun { get; init; }
}
