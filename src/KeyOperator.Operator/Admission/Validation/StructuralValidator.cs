// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>
/// For the kinds covered by the webhook that have no policy rules yet (ExternalCredential, WebhookEndpoint): only
/// checks that spec, when present, is an object. Without it those kinds would be refused as unknown.
/// </summary>
internal sealed class StructuralValidator(string kind) : IAdmissionValidator
{
    public string Group => AdmissionKinds.Group;

    public string Version => AdmissionKinds.Version;

    public string Kind => kind;

    public ValueTask ValidateAsync(AdmissionContext context, JsonObject obj, AdmissionFindings findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        JsonFields.Object(obj, "spec", "spec", findings);
        return ValueTask.CompletedTask;
    }
}
