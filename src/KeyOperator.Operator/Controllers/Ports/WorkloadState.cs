// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>What a restart needs of a workload: its version (the patch's precondition) and our pod-template annotation.</summary>
/// <param name="ResourceVersion">metadata.resourceVersion as read.</param>
/// <param name="RestartAnnotation">The value of the restart annotation on the pod template, or null.</param>
internal sealed record WorkloadState(string? ResourceVersion, string? RestartAnnotation);
