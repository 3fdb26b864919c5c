// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.Tables;

/// <summary>What each Table row carries in <c>object</c>, as the <c>includeObject</c> query parameter asks.</summary>
public enum TableIncludeObject
{
    /// <summary>No object (<c>includeObject=None</c>).</summary>
    None,

    /// <summary>A <c>PartialObjectMetadata</c> with the full metadata; the default, needed by <c>-A</c> and <c>--show-labels</c>.</summary>
    Metadata,

    /// <summary>The whole object (<c>includeObject=Object</c>).</summary>
    Object,
}
