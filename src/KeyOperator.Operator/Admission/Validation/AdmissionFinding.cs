// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>
/// One problem with an object: the field path, what is wrong, and the rule that says so. Rendered as
/// <c>spec.token.entropyBits: 96 is below the cluster minimum of 128 (policy minTokenEntropyBits)</c>.
/// </summary>
internal sealed record AdmissionFinding(string Path, string Problem, string Rule)
{
    public override string ToString() => $"{Path}: {Problem} ({Rule})";
}
