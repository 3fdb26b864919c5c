// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Review;

/// <summary>The subset of meta/v1 Status a webhook denial carries; the apiserver shows message to the user.</summary>
internal sealed record AdmissionStatus
{
    public string Status { get; init; } = "Failure";

    public string? Message { get; init; }

    public string? Reason { get; init; }

    public int Code { get; init; }
}
