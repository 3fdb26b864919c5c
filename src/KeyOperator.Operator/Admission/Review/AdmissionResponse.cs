// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Review;

/// <summary>admission.k8s.io/v1 AdmissionResponse: the request's uid echoed, the decision, a status for denials.</summary>
internal sealed record AdmissionResponse
{
    public required string Uid { get; init; }

    public required bool Allowed { get; init; }

    public AdmissionStatus? Status { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }
}
