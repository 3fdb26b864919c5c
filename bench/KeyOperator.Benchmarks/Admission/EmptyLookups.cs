// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Validation;

namespace KeyOperator.Benchmarks.Admission;

/// <summary>
/// Answers the validators' cluster questions from memory (no Secret owner, every policy exists, no namespace
/// labels), so the benchmark measures the webhook itself; the operator answers them with API reads (Adapters/).
/// </summary>
internal sealed class EmptyLookups : IManagedSecretLookup, IRotationPolicyLookup, INamespaceLabelLookup
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    public ValueTask<string?> FindOwnerAsync(string namespaceName, string secretName, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public ValueTask<bool> ExistsAsync(string namespaceName, string name, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public ValueTask<IReadOnlyDictionary<string, string>?> GetLabelsAsync(string namespaceName, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(NoLabels);
}
