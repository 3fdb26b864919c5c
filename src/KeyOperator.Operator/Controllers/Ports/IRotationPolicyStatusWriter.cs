// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>Writes a RotationPolicy's status.</summary>
internal interface IRotationPolicyStatusWriter
{
    /// <summary>Writes <paramref name="status"/>, with the policy's resourceVersion as precondition.</summary>
    Task WriteAsync(RotationPolicy policy, RotationPolicyStatus status, CancellationToken cancellationToken);
}
