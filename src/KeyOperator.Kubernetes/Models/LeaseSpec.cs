// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Models;

/// <summary>coordination.k8s.io/v1 LeaseSpec. Times are MicroTime (six fractional digits on the wire).</summary>
public sealed record LeaseSpec
{
    /// <summary>Identity of the current holder.</summary>
    public string? HolderIdentity { get; init; }

    /// <summary>How long other candidates wait before taking over a lease that was not renewed.</summary>
    public int? LeaseDurationSeconds { get; init; }

    /// <summary>When the current holder acquired the lease.</summary>
    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; init; }

    /// <summary>When the current holder last renewed the lease.</summary>
    [JsonConverter(typeof(KubernetesMicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; init; }

    /// <summary>How many times the lease changed hands.</summary>
    public int? LeaseTransitions { get; init; }

    /// <summary>Coordinated leader election strategy, when used.</summary>
    public string? Strategy { get; init; }

    /// <summary>Holder that coordinated leader election would prefer.</summary>
    public string? PreferredHolder { get; init; }
}
