// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>Collects what a validator found: denials (the object is refused) and warnings (admitted, but told).</summary>
internal sealed class AdmissionFindings
{
    private readonly List<AdmissionFinding> _denials = [];
    private readonly List<AdmissionFinding> _warnings = [];

    public IReadOnlyList<AdmissionFinding> Denials => _denials;

    public IReadOnlyList<AdmissionFinding> Warnings => _warnings;

    public void Deny(string path, string problem, string rule) => _denials.Add(new AdmissionFinding(path, problem, rule));

    public void Warn(string path, string problem, string rule) => _warnings.Add(new AdmissionFinding(path, problem, rule));
}
