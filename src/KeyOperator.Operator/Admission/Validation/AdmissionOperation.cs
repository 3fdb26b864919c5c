// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>The admission operations the webhook may see.</summary>
internal enum AdmissionOperation
{
    Unknown,
    Create,
    Update,
    Delete,
    Connect,
}
