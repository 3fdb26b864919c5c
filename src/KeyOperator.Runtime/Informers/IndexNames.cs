// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Informers;

/// <summary>Names of the built-in cache indexes.</summary>
public static class IndexNames
{
    /// <summary>By metadata.namespace ("" for cluster-scoped objects).</summary>
    public const string Namespace = "namespace";

    /// <summary>By the uid of every owner reference.</summary>
    public const string OwnerUid = "ownerUid";

    /// <summary>By every label, as "key=value".</summary>
    public const string Label = "label";
}
