// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>admission.k8s.io/v1 AdmissionReview: the envelope of an admission webhook call and its answer.</summary>
public sealed record AdmissionReview
{
    /// <summary>Always <c>admission.k8s.io/v1</c>; a response must echo it.</summary>
    public string? ApiVersion { get; init; } = "admission.k8s.io/v1";

    /// <summary>Always <c>AdmissionReview</c>.</summary>
    public string? Kind { get; init; } = "AdmissionReview";

    /// <summary>The request sent by the API server.</summary>
    public AdmissionRequest? Request { get; init; }

    /// <summary>The webhook's answer.</summary>
    public AdmissionResponse? Response { get; init; }
}
