// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Hooks;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// Validating admission: every validator in order (the internal hooks first, then the webhook dispatcher, as the
/// list is built), each of which denies by throwing. It runs outside the storage lock, so callers re-check the stored
/// object afterwards and admit again, at most <see cref="MaxAttempts"/> times, when it changed meanwhile.
/// </summary>
internal sealed class AdmissionChain(IReadOnlyList<IAdmissionValidator> validators)
{
    public const int MaxAttempts = 5;

    /// <summary>Admits a create or update (patch and apply included).</summary>
    public async Task AdmitWriteAsync(PreparedWrite prepared, RequestOptions options, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            await validator.ValidateAsync(
                new AdmissionAttributes
                {
                    Descriptor = prepared.Descriptor,
                    Operation = prepared.Old is null ? "CREATE" : "UPDATE",
                    Object = prepared.Candidate,
                    OldObject = prepared.Old,
                    Subresource = prepared.Subresource,
                    Namespace = prepared.Namespace,
                    Name = prepared.Name,
                    DryRun = options.DryRun,
                    FieldManager = options.FieldManager,
                    Warnings = options.Warnings,
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Admits a delete: validators see the object about to be deleted as <c>oldObject</c>.</summary>
    public async Task AdmitDeleteAsync(
        ResourceDescriptor descriptor, string? ns, string name, JsonObject current, DeleteOptions options, List<string> warnings, CancellationToken cancellationToken)
    {
        foreach (var validator in validators)
        {
            await validator.ValidateAsync(
                new AdmissionAttributes
                {
                    Descriptor = descriptor,
                    Operation = "DELETE",
                    OldObject = current,
                    Namespace = ns,
                    Name = name,
                    DryRun = options.DryRun,
                    Warnings = warnings,
                },
                cancellationToken).ConfigureAwait(false);
        }
    }
}
