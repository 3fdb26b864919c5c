// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>Seam: whether a RotationPolicy exists, so a dangling reference earns a warning (never a denial).</summary>
internal interface IRotationPolicyLookup
{
    /// <summary>True when RotationPolicy <paramref name="name"/> exists in <paramref name="namespaceName"/>.</summary>
    ValueTask<bool> ExistsAsync(string namespaceName, string name, CancellationToken cancellationToken);
}
