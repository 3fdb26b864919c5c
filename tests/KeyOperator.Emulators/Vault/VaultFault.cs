// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Vault;

/// <summary>A failure the Vault emulator answers the next requests with (see <see cref="VaultEmulator.InjectFault"/>).</summary>
public enum VaultFault
{
    /// <summary>503 with <c>Vault is sealed</c> (a sealed or standby node).</summary>
    Sealed,

    /// <summary>429 with a Retry-After (a rate limit quota).</summary>
    Throttled,

    /// <summary>500 with <c>internal error</c>.</summary>
    InternalError,

    /// <summary>The connection is closed without an answer.</summary>
    CloseConnection,
}
