// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Review;

/// <summary>The webhook's answer before it is wrapped into an AdmissionReview.</summary>
internal sealed record AdmissionVerdict
{
    public required bool Allowed { get; init; }

    /// <summary>HTTP-style code for a denial: 403 for policy, 400 for malformed input, 503 when a lookup failed.</summary>
    public int Code { get; init; } = 200;

    public string? Message { get; init; }

    public string? Reason { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public static AdmissionVerdict Allow(IReadOnlyList<string>? warnings = null) => new() { Allowed = true, Warnings = warnings ?? [] };

    public static AdmissionVerdict Deny(int code, string reason, string message, IReadOnlyList<string>? warnings = null) =>
        new() { Allowed = false, Code = code, Reason = reason, Message = message, Warnings = warnings ?? [] };
}
