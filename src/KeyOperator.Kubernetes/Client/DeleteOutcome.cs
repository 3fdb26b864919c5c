// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>What a successful DELETE achieved.</summary>
public enum DeleteOutcome
{
    /// <summary>The object no longer exists.</summary>
    Gone,

    /// <summary>
    /// Deletion started but the object still exists: finalizers, a grace period or foreground propagation hold it
    /// (it now has <c>metadata.deletionTimestamp</c>). Watch for the DELETED event.
    /// </summary>
    Pending,
}
