// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>Values of <see cref="DeleteOptions.PropagationPolicy"/>.</summary>
public static class PropagationPolicies
{
    /// <summary>Dependents are left alone, with their owner reference removed.</summary>
    public const string Orphan = "Orphan";

    /// <summary>The owner goes at once; the garbage collector deletes dependents afterwards.</summary>
    public const string Background = "Background";

    /// <summary>The owner stays (with a <c>foregroundDeletion</c> finalizer) until blocking dependents are gone.</summary>
    public const string Foreground = "Foreground";
}
