// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Hsm;

/// <summary>What went wrong with an HSM operation, as the operator reports it in conditions.</summary>
public enum HsmFailure
{
    /// <summary>No HSM of that name is configured.</summary>
    NotConfigured,

    /// <summary>The module, token, session or login failed (condition reason HsmUnavailable).</summary>
    Unavailable,

    /// <summary>The named key is not on the token (condition reason HsmKeyMissing).</summary>
    KeyMissing,
}
