// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.RotationPolicies;

/// <summary>One reason a RotationPolicy spec is invalid.</summary>
/// <param name="Field">Field path such as <c>spec.schedule.cron</c>.</param>
/// <param name="Reason">CamelCase condition reason, one of <see cref="RotationPolicyReasons"/>.</param>
/// <param name="Message">Human-readable explanation.</param>
internal sealed record RotationPolicyError(string Field, string Reason, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field + ": " + Message;
}
