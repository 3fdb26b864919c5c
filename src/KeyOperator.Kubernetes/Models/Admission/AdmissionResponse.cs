// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>admission.k8s.io/v1 AdmissionResponse.</summary>
public sealed record AdmissionResponse
{
    /// <summary>Must equal the request's uid.</summary>
    public string? Uid { get; init; }

    /// <summary>Whether the request is admitted.</summary>
    public bool Allowed { get; init; }

    /// <summary>Reason for a denial: message and code are shown to the user.</summary>
    public Status? Status { get; init; }

    /// <summary>A JSON patch (mutating webhooks only), base64 on the wire.</summary>
    public byte[]? Patch { get; init; }

    /// <summary><c>JSONPatch</c> when <see cref="Patch"/> is set.</summary>
    public string? PatchType { get; init; }

    /// <summary>Annotations added to the audit event.</summary>
    public IReadOnlyDictionary<string, string>? AuditAnnotations { get; init; }

    /// <summary>Warnings shown to the client (kubectl prints them).</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}
