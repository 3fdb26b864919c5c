// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Operator.Admission.Validation;

namespace KeyOperator.Operator.Admission.Review;

/// <summary>The parts of an admission.k8s.io/v1 AdmissionRequest the webhook uses. Objects stay raw JSON.</summary>
internal sealed record AdmissionRequest
{
    public required string Uid { get; init; }

    public string Group { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string Namespace { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public AdmissionOperation Operation { get; init; }

    public string OperationText { get; init; } = string.Empty;

    public bool DryRun { get; init; }

    public JsonNode? Object { get; init; }

    public JsonNode? OldObject { get; init; }
}
