// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Conditions;

/// <summary>
/// Reasons the runtime itself sets. The pattern for controllers: one static class of CamelCase constants per
/// controller, specific enough to act on ("ProviderUnavailable", not "Failed"), reused by conditions and events.
/// </summary>
public static class ConditionReasons
{
    /// <summary>The object was reconciled successfully at its current generation.</summary>
    public const string Reconciled = "Reconciled";

    /// <summary>The last reconcile failed; the message says why (without secret values).</summary>
    public const string ReconcileFailed = "ReconcileFailed";

    /// <summary>The object is being deleted and its cleanup is running.</summary>
    public const string Deleting = "Deleting";

    /// <summary>The object was seen but not reconciled yet.</summary>
    public const string Pending = "Pending";
}
