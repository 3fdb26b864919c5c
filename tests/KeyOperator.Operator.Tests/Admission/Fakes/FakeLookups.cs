// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Validation;

namespace KeyOperator.Operator.Tests.Admission.Fakes;

/// <summary>In-memory stand-ins for the informer-backed lookups the lead wires in.</summary>
internal sealed class FakeLookups : IManagedSecretLookup, IRotationPolicyLookup, INamespaceLabelLookup
{
    public Dictionary<(string Namespace, string Secret), string> SecretOwners { get; } = [];

    public HashSet<(string Namespace, string Name)> RotationPolicies { get; } = [];

    public Dictionary<string, Dictionary<string, string>> NamespaceLabels { get; } = [];

    public Exception? Failure { get; set; }

    public ValueTask<string?> FindOwnerAsync(string namespaceName, string secretName, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return ValueTask.FromResult(SecretOwners.GetValueOrDefault((namespaceName, secretName)));
    }

    public ValueTask<bool> ExistsAsync(string namespaceName, string name, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return ValueTask.FromResult(RotationPolicies.Contains((namespaceName, name)));
    }

    public ValueTask<IReadOnlyDictionary<string, string>?> GetLabelsAsync(string namespaceName, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(NamespaceLabels.GetValueOrDefault(namespaceName));
    }

    private void ThrowIfFailing()
    {
        if (Failure is not null)
        {
            throw Failure;
        }
    }
}
