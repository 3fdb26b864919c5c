// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Vault;

/// <summary>The KV secrets engine version of a mount.</summary>
public enum VaultKvVersion
{
    /// <summary>KV v1: <c>/v1/&lt;mount&gt;/&lt;key&gt;</c>, unversioned.</summary>
    V1 = 1,

    /// <summary>KV v2: <c>/v1/&lt;mount&gt;/data/&lt;key&gt;</c>, versioned.</summary>
    V2 = 2,
}
