// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using Net.Pkcs11Interop.Common;

namespace KeyOperator.Hsm;

/// <summary>CKR return values by name, as the PKCS#11 headers spell them (for status, logs and the metric's result label).</summary>
internal static class CkrNames
{
    /// <summary>The CKR name of <paramref name="rv"/>, or its hex value for a vendor-defined or unknown code.</summary>
    public static string Of(CKR rv) => Enum.IsDefined(rv) ? rv.ToString() : "0x" + ((ulong)rv).ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>
    /// Return values after which the session, or every session of the token, is gone: the pool drops its sessions,
    /// its login and its cached handles and tries once more on a fresh session.
    /// </summary>
    public static bool IsSessionLost(CKR rv) => rv is CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED or CKR.CKR_DEVICE_REMOVED
        or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_USER_NOT_LOGGED_IN or CKR.CKR_CRYPTOKI_NOT_INITIALIZED;

    /// <summary>A cached object handle no longer names the object (it was destroyed and created again, or the token was re-inserted).</summary>
    public static bool IsHandleStale(CKR rv) => rv is CKR.CKR_OBJECT_HANDLE_INVALID or CKR.CKR_KEY_HANDLE_INVALID;
}
