// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>Workload kinds (group apps/v1) that the operator can restart after a rotation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkloadKind>))]
internal enum WorkloadKind
{
    /// <summary>apps/v1 Deployment.</summary>
    [JsonStringEnumMemberName("Deployment")]
    Deployment,

    /// <summary>apps/v1 StatefulSet.</summary>
    [JsonStringEnumMemberName("StatefulSet")]
    StatefulSet,

    /// <summary>apps/v1 DaemonSet.</summary>
    [JsonStringEnumMemberName("DaemonSet")]
    DaemonSet,
}
