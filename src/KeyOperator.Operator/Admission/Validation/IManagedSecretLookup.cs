// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>Seam: which ApiKey manages a Secret, so two ApiKeys never fight over one Secret.</summary>
internal interface IManagedSecretLookup
{
    /// <summary>
    /// Returns the name of the ApiKey in <paramref name="namespaceName"/> whose (effective) spec.secretName is
    /// <paramref name="secretName"/>, or null when none does.
    /// </summary>
    ValueTask<string?> FindOwnerAsync(string namespaceName, string secretName, CancellationToken cancellationToken);
}
