// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Azure;

/// <summary>The outcome of checking a bearer token against what the Entra ID emulator issued.</summary>
internal enum TokenCheck
{
    /// <summary>Issued here, unexpired, for this tenant and audience.</summary>
    Valid,

    /// <summary>Not issued here.</summary>
    Unknown,

    /// <summary>Past its expiry.</summary>
    Expired,

    /// <summary>Issued in another tenant.</summary>
    WrongTenant,

    /// <summary>Issued for another resource.</summary>
    WrongAudience,
}
