// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Hooks;

/// <summary>Validating admission, called after schema validation and before persistence (outside the storage lock).
/// Deny by throwing an <see cref="Errors.ApiException"/>; the validating webhook dispatcher plugs in here.</summary>
internal interface IAdmissionValidator
{
    ValueTask ValidateAsync(AdmissionAttributes request, CancellationToken cancellationToken);
}
