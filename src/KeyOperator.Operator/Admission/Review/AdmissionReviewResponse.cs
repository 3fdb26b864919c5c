// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Review;

/// <summary>The admission.k8s.io/v1 AdmissionReview sent back: only response is set.</summary>
internal sealed record AdmissionReviewResponse
{
    public string ApiVersion { get; init; } = AdmissionReviewReader.ApiVersion;

    public string Kind { get; init; } = AdmissionReviewReader.ReviewKind;

    public required AdmissionResponse Response { get; init; }

    public static AdmissionReviewResponse From(string uid, AdmissionVerdict verdict) => new()
    {
        Response = new AdmissionResponse
        {
            Uid = uid,
            Allowed = verdict.Allowed,
            Status = verdict.Allowed ? null : new AdmissionStatus
            {
                Code = verdict.Code,
                Message = verdict.Message,
                Reason = string.IsNullOrEmpty(verdict.Reason) ? null : verdict.Reason,
            },
            Warnings = verdict.Warnings.Count == 0 ? null : verdict.Warnings,
        },
    };
}
