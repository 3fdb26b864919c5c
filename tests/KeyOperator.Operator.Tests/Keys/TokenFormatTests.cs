// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.RegularExpressions;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Operator.Tests.Keys;

public sealed class TokenFormatTests
{
    [Theory]
    [InlineData(128, 22)]
    [InlineData(256, 43)]
    [InlineData(512, 86)]
    [InlineData(1024, 172)]
    public void Generate_EntropyBits_BodyHasCeilOfBitsOverLog62Symbols(int bits, int bodyLength)
    {
        string token = Encoding.ASCII.GetString(TokenFormat.Generate("ko_", bits));

        Assert.Equal(bodyLength, TokenFormat.BodyLength(bits));
        Assert.Equal(3 + bodyLength + 6, token.Length);
        Assert.True(bodyLength * Math.Log2(62) >= bits);
        Assert.StartsWith("ko_", token, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ko_", 256)]
    [InlineData("a", 128)]
    [InlineData("acme_prod_", 1024)]
    [InlineData("abcdefghijklmno_", 300)]
    public void Generate_AnyValidSettings_VerifiesAndMatchesDocumentedRegex(string prefix, int bits)
    {
        string token = Encoding.ASCII.GetString(TokenFormat.Generate(prefix, bits));

        Assert.Equal(TokenVerification.Valid, TokenFormat.Verify(token, prefix));
        Assert.Matches(new Regex(TokenFormat.TokenPattern), token);
    }

    [Fact]
    public void Verify_ExampleFromTokenFormatDoc_IsValidAndMatchesScannerRegex()
    {
        const string Example = "ko_0EXAMPLE0EXAMPLE0EXAMPLE0EXAMPLE0EXAMPLE0EX23Uzmb";

        Assert.True(TokenFormat.Verify(Example, "ko_").IsValid);
        Assert.Matches(@"\bko_[0-9A-Za-z]{49}\b", Example);
    }

    [Fact]
    public void Verify_AnySingleCharacterChanged_IsInvalid()
    {
        string token = Encoding.ASCII.GetString(TokenFormat.Generate("ko_", 256));
        for (int i = 0; i < token.Length; i++)
        {
            char replacement = token[i] == 'x' ? 'y' : 'x';
            string typo = string.Concat(token.AsSpan(0, i), replacement.ToString(), token.AsSpan(i + 1));

            Assert.False(TokenFormat.Verify(typo).IsValid, $"position {i}");
        }
    }

    [Fact]
    public void Verify_AdjacentCharactersSwapped_IsInvalid()
    {
        string token = Encoding.ASCII.GetString(TokenFormat.Generate("ko_", 256));
        for (int i = 0; i + 1 < token.Length; i++)
        {
            if (token[i] == token[i + 1])
            {
                continue;
            }

            char[] chars = token.ToCharArray();
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);

            Assert.False(TokenFormat.Verify(new string(chars)).IsValid, $"position {i}");
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ko_abc", "too short")]
    [InlineData("Ko_0123456789012345678901234567", "lowercase")]
    [InlineData("ko_01234567890123456789012345-7", "character")]
    [InlineData("ko_0123456789012345678901234567", "checksum")]
    public void Verify_Malformed_ReportsReason(string token, string reasonFragment)
    {
        TokenVerification result = TokenFormat.Verify(token);

        Assert.False(result.IsValid);
        Assert.Contains(reasonFragment, result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Verify_TruncatedOrExtended_IsInvalid()
    {
        string token = Encoding.ASCII.GetString(TokenFormat.Generate("ko_", 256));

        Assert.False(TokenFormat.Verify(token.AsSpan(0, token.Length - 1)).IsValid);
        Assert.False(TokenFormat.Verify(token + "a").IsValid);
    }

    [Fact]
    public void Verify_OtherPrefixExpected_IsInvalid()
    {
        string token = Encoding.ASCII.GetString(TokenFormat.Generate("ko_", 256));

        Assert.False(TokenFormat.Verify(token, "acme_").IsValid);
    }

    [Fact]
    public void Verify_Rejection_NeverQuotesTheToken()
    {
        string token = Encoding.ASCII.GetString(TokenFormat.Generate("ko_", 256));
        string typo = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');

        TokenVerification result = TokenFormat.Verify(typo);

        Assert.DoesNotContain(typo[3..^6], result.Reason!, StringComparison.Ordinal);
        Assert.DoesNotContain(typo[3..^6], result.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Ko_")]
    [InlineData("1ko")]
    [InlineData("ko-")]
    [InlineData("abcdefghijklmnopq")]
    public void Generate_InvalidPrefix_Throws(string prefix)
    {
        Assert.Throws<ArgumentException>(() => TokenFormat.Generate(prefix, 256));
    }

    [Theory]
    [InlineData(127)]
    [InlineData(1025)]
    public void Generate_EntropyOutOfRange_Throws(int bits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenFormat.Generate("ko_", bits));
    }

    [Fact]
    public void Generate_ManyTokens_UseEveryBase62SymbolAndNeverRepeat()
    {
        var symbols = new HashSet<char>();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 200; i++)
        {
            string token = Encoding.ASCII.GetString(TokenFormat.Generate("ko_", 256));
            Assert.True(tokens.Add(token));
            symbols.UnionWith(token[3..^6]);
        }

        Assert.Equal(62, symbols.Count);
    }
}
