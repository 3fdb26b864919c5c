// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.Kubernetes.Models;

/// <summary>
/// apps/v1 StatefulSet, modelled just enough to read and change <c>spec.template.metadata.annotations</c> (to trigger a
/// rolling restart). Every other field is kept verbatim, so a replace does not drop what this model does not know.
/// </summary>
public sealed record StatefulSet : IKubernetesObject
{
    /// <inheritdoc />
    public string? ApiVersion { get; init; } = "apps/v1";

    /// <inheritdoc />
    public string? Kind { get; init; } = "StatefulSet";

    /// <inheritdoc />
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The spec; only its pod template is typed.</summary>
    public WorkloadSpec? Spec { get; init; }

    /// <summary>Status, raw.</summary>
    public JsonObject? Status { get; init; }
}
