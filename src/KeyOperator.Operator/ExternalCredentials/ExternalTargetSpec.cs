// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>The Secret the operator writes.</summary>
internal sealed record ExternalTargetSpec
{
    /// <summary>Name of the Secret (default: the ExternalCredential's name).</summary>
    [MaxLength(253)]
    public string? Name { get; init; }

    /// <summary>Owner (created with an owner reference, removed with the ExternalCredential), Merge (into an existing Secret, which the operator neither creates nor deletes) or Orphan (created, never removed). Default Owner.</summary>
    public CreationPolicy? CreationPolicy { get; init; }

    /// <summary>What a key gets when its remote value is confirmed deleted (a not-found answer for that exact name on two consecutive syncs): Retain (default) or Delete.</summary>
    public ExternalDeletionPolicy? DeletionPolicy { get; init; }

    /// <summary>Keep the prior value of a changed key under &lt;key&gt;.previous until the next change.</summary>
    public bool? KeepPrevious { get; init; }

    /// <summary>Shapes the Secret.</summary>
    public ExternalTargetTemplateSpec? Template { get; init; }
}
