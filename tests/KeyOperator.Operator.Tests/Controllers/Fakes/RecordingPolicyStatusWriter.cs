// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>Keeps every RotationPolicy status written.</summary>
internal sealed class RecordingPolicyStatusWriter : IRotationPolicyStatusWriter
{
    public List<RotationPolicyStatus> Written { get; } = [];

    public Task WriteAsync(RotationPolicy policy, RotationPolicyStatus status, CancellationToken cancellationToken)
    {
        Written.Add(status);
        return Task.CompletedTask;
    }
}
