// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Tests.Keys;

public sealed class Base62Tests
{
    [Theory]
    [InlineData(0UL, "000000")]
    [InlineData(61UL, "00000z")]
    [InlineData(62UL, "000010")]
    [InlineData(uint.MaxValue, "4gfFC3")]
    public void EncodeFixed_Value_WritesPaddedDigits(ulong value, string expected)
    {
        Span<char> buffer = stackalloc char[6];
        Base62.EncodeFixed(value, buffer);
        Assert.Equal(expected, buffer.ToString());
    }

    [Fact]
    public void EncodeFixed_ValueTooLarge_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Base62.EncodeFixed(62UL * 62 * 62, new char[2]));
    }
}
