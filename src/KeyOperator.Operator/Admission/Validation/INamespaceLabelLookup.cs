// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>Seam: the labels of a namespace (from an informer cache), for the <c>requireRotation</c> selector.</summary>
internal interface INamespaceLabelLookup
{
    /// <summary>Returns the namespace's labels, or null when the namespace is unknown.</summary>
    ValueTask<IReadOnlyDictionary<string, string>?> GetLabelsAsync(string namespaceName, CancellationToken cancellationToken);
}
