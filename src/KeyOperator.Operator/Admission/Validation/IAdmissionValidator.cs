// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>
/// Checks one kind. Works on the raw JSON so that a malformed object becomes a denial naming the field,
/// never an exception. Must be free of side effects: the same code answers dryRun requests.
/// </summary>
internal interface IAdmissionValidator
{
    /// <summary>The API group served, e.g. <c>keyoperator.io</c>.</summary>
    string Group { get; }

    /// <summary>The version served, e.g. <c>v1alpha1</c>.</summary>
    string Version { get; }

    /// <summary>The kind served, e.g. <c>ApiKey</c>.</summary>
    string Kind { get; }

    ValueTask ValidateAsync(AdmissionContext context, JsonObject obj, AdmissionFindings findings, CancellationToken cancellationToken);
}
