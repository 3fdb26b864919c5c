// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Net.Pkcs11Interop.Common;

namespace KeyOperator.Hsm.Tests;

public sealed class CkrNamesTests
{
    [Theory]
    [InlineData(0xB3UL, "CKR_SESSION_HANDLE_INVALID")]
    [InlineData(0x32UL, "CKR_DEVICE_REMOVED")]
    [InlineData(0x101UL, "CKR_USER_NOT_LOGGED_IN")]
    [InlineData(0xA0UL, "CKR_PIN_INCORRECT")]
    [InlineData(0x62UL, "CKR_KEY_SIZE_RANGE")]
    [InlineData(0x80000001UL, "0x80000001")]
    public void Of_ReturnValue_IsTheHeaderName(ulong rv, string expected) => Assert.Equal(expected, CkrNames.Of((CKR)rv));

    [Theory]
    [InlineData(CKR.CKR_SESSION_HANDLE_INVALID, true)]
    [InlineData(CKR.CKR_DEVICE_REMOVED, true)]
    [InlineData(CKR.CKR_USER_NOT_LOGGED_IN, true)]
    [InlineData(CKR.CKR_SESSION_CLOSED, true)]
    [InlineData(CKR.CKR_PIN_INCORRECT, false)]
    [InlineData(CKR.CKR_KEY_SIZE_RANGE, false)]
    public void IsSessionLost_ReturnValue_RecoversOnlyLostSessions(CKR rv, bool expected) => Assert.Equal(expected, CkrNames.IsSessionLost(rv));
}
