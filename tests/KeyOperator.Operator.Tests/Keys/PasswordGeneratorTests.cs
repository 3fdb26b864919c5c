// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Tests.Keys;

public sealed class PasswordGeneratorTests
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    [Theory]
    [InlineData(1, 12)]
    [InlineData(4, 12)]
    [InlineData(7, 12)]
    [InlineData(15, 12)]
    [InlineData(10, 256)]
    [InlineData(15, 4)]
    public void Generate_Classes_ContainsEveryEnabledClassAndNothingElse(int classBits, int length)
    {
        var classes = (PasswordCharacterClasses)classBits;
        for (int i = 0; i < 50; i++)
        {
            string password = Encoding.ASCII.GetString(PasswordGenerator.Generate(length, classes));

            Assert.Equal(length, password.Length);
            AssertClass(password, Lower, classes.HasFlag(PasswordCharacterClasses.Lowercase));
            AssertClass(password, Upper, classes.HasFlag(PasswordCharacterClasses.Uppercase));
            AssertClass(password, Digits, classes.HasFlag(PasswordCharacterClasses.Digits));
            AssertClass(password, PasswordGenerator.Symbols, classes.HasFlag(PasswordCharacterClasses.Symbols));
        }
    }

    [Fact]
    public void Generate_NoClass_Throws()
    {
        Assert.Throws<ArgumentException>(() => PasswordGenerator.Generate(32, PasswordCharacterClasses.None));
    }

    [Fact]
    public void Generate_ShorterThanClassCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordGenerator.Generate(
            1, PasswordCharacterClasses.Lowercase | PasswordCharacterClasses.Digits));
    }

    [Fact]
    public void Generate_ManyPasswords_EachPositionUsesTheWholeAlphabet()
    {
        // A generator that forces "one of each class" into fixed slots would fail this: position 0 would only be lowercase.
        var first = new HashSet<char>();
        for (int i = 0; i < 2000; i++)
        {
            first.Add((char)PasswordGenerator.Generate(12, PasswordCharacterClasses.Lowercase | PasswordCharacterClasses.Digits)[0]);
        }

        Assert.Equal(36, first.Count);
    }

    private static void AssertClass(string password, string set, bool enabled)
    {
        bool present = password.AsSpan().IndexOfAny(set) >= 0;
        Assert.Equal(enabled, present);
    }
}
