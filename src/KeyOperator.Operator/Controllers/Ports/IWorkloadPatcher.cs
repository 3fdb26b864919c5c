// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>The Deployments, StatefulSets and DaemonSets that consume keys and are restarted on rotation.</summary>
internal interface IWorkloadPatcher
{
    /// <summary>Reads a restart target; null when it does not exist.</summary>
    Task<WorkloadState?> GetAsync(string @namespace, RestartTarget target, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the restart annotation on the target's pod template (a rolling restart), with
    /// <paramref name="resourceVersion"/> as precondition.
    /// </summary>
    Task PatchRestartAnnotationAsync(string @namespace, RestartTarget target, string? resourceVersion, string value, CancellationToken cancellationToken);
}
