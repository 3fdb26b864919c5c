// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Validation;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Hsm;

/// <summary>
/// Whether an ApiKey may use the HSM it names: configured, and its namespace inside the HSM's namespaceSelector. The
/// admission webhook denies what this refuses; the controller checks again (HsmNotAllowed) for objects stored while
/// the webhook was away. Namespace labels are read only for a non-empty selector.
/// </summary>
internal sealed class HsmSourceGate(HsmCatalog catalog, INamespaceLabelLookup namespaces)
{
    public async ValueTask<string?> RefusalAsync(HsmSourceSpec hsm, string @namespace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hsm);
        HsmDefinition? definition = catalog.Settings.Find(hsm.Name);
        bool needsLabels = definition is not null && (definition.NamespaceSelector.MatchLabels.Count > 0 || definition.NamespaceSelector.MatchExpressions.Count > 0);
        IReadOnlyDictionary<string, string>? labels = needsLabels
            ? await namespaces.GetLabelsAsync(@namespace, cancellationToken).ConfigureAwait(false)
            : null;
        return catalog.Refusal(hsm, @namespace, labels);
    }
}
