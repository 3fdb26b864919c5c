// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ControlPlane.Hooks;

/// <summary>
/// What admission sees of a write: the apiserver's <c>admission.Attributes</c> (k8s.io/apiserver/pkg/admission/interfaces.go),
/// from which the webhook dispatcher builds the wire <c>AdmissionReview</c> request.
/// </summary>
internal sealed record AdmissionAttributes
{
    public required ResourceDescriptor Descriptor { get; init; }

    /// <summary>CREATE, UPDATE or DELETE.</summary>
    public required string Operation { get; init; }

    /// <summary>The object as it would be stored; null for DELETE. Do not mutate.</summary>
    public JsonObject? Object { get; init; }

    public JsonObject? OldObject { get; init; }

    public string? Subresource { get; init; }

    /// <summary>The request's namespace; null for cluster-scoped resources.</summary>
    public string? Namespace { get; init; }

    public string Name { get; init; } = string.Empty;

    public bool DryRun { get; init; }

    /// <summary>The field manager of the write, passed to webhooks in the request options.</summary>
    public string? FieldManager { get; init; }

    /// <summary>Warnings to return to the client; admission appends to it.</summary>
    public List<string> Warnings { get; init; } = [];
}
