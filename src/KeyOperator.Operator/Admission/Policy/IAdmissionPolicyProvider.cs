// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>The policy in force right now.</summary>
internal interface IAdmissionPolicyProvider
{
    AdmissionPolicy Current { get; }
}
