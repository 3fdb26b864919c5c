// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Policy;

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>What a validator knows about the request besides the object itself.</summary>
internal sealed record AdmissionContext
{
    /// <summary>The namespace of the request (request.namespace), empty for cluster-scoped kinds.</summary>
    public required string Namespace { get; init; }

    /// <summary>The object's name; may be empty on CREATE with generateName.</summary>
    public required string Name { get; init; }

    public required AdmissionOperation Operation { get; init; }

    public required AdmissionPolicy Policy { get; init; }
}
