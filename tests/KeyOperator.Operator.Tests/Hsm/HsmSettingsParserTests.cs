// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Hsm;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Tests.Hsm;

public sealed class HsmSettingsParserTests
{
    private const string Valid = """
        hsms:
          - name: softhsm
            module: /usr/lib/softhsm/libsofthsm2.so
            tokenLabel: keyoperator
            pinSecretRef: {name: hsm-pin, key: pin}
            namespaceSelector: {}
          - name: payments-hsm
            module: /opt/hsm/lib.so
            tokenLabel: payments
            pinSecretRef: {name: payments-pin, key: pin}
            namespaceSelector:
              matchLabels: {team: payments}
            maxSessions: 8
        """;

    [Fact]
    public void Parse_IssueExample_ReadsEveryField()
    {
        HsmSettings settings = HsmSettingsParser.Parse(Valid, static _ => true);

        Assert.Equal(2, settings.Hsms.Count);
        HsmDefinition soft = settings.Find("softhsm")!;
        Assert.Equal("/usr/lib/softhsm/libsofthsm2.so", soft.Module);
        Assert.Equal("keyoperator", soft.TokenLabel);
        Assert.Equal(new HsmPinSecretRef("hsm-pin", "pin"), soft.PinSecretRef);
        Assert.True(soft.NamespaceSelector.Matches(new Dictionary<string, string>()));
        Assert.Equal(4, soft.MaxSessions);
        HsmDefinition payments = settings.Find("payments-hsm")!;
        Assert.Equal(8, payments.MaxSessions);
        Assert.False(payments.NamespaceSelector.Matches(new Dictionary<string, string> { ["team"] = "web" }));
        Assert.True(payments.NamespaceSelector.Matches(new Dictionary<string, string> { ["team"] = "payments" }));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("hsms: []", 0)]
    public void Parse_EmptyFile_NoHsm(string yaml, int count) => Assert.Equal(count, HsmSettingsParser.Parse(yaml).Hsms.Count);

    [Theory]
    [InlineData("hsm: []", "hsm config: line 1: unknown field \"hsm\" (known: hsms)")]
    [InlineData("hsms: {}", "hsm config: line 1: hsms: expected a list")]
    [InlineData("hsms:\n  - name: Soft_HSM\n", "hsm config: line 2: hsms[0].name: \"Soft_HSM\" is not a DNS label (lowercase letters, digits and '-', at most 63)")]
    [InlineData("hsms:\n  - name: a\n    module: lib.so\n", "hsm config: line 3: hsms[0].module: \"lib.so\" is not an absolute path")]
    [InlineData("hsms:\n  - name: a\n    module: /missing.so\n", "hsm config: line 3: hsms[0].module: /missing.so does not exist")]
    [InlineData("hsms:\n  - name: a\n    modul: /x.so\n", "hsm config: line 3: hsms[0]: unknown field \"modul\" (known: name, module, tokenLabel, pinSecretRef, namespaceSelector, maxSessions)")]
    [InlineData("hsms:\n  - name: a\n    module: /x.so\n    tokenLabel: t\n    pinSecretRef: {name: p}\n", "hsm config: line 5: hsms[0].pinSecretRef.key: required")]
    [InlineData("hsms:\n  - name: a\n    module: /x.so\n    tokenLabel: t\n    pinSecretRef: {name: p, key: k}\n", "hsm config: line 2: hsms[0].namespaceSelector: required; {} allows every namespace")]
    [InlineData("hsms:\n  - name: a\n    module: /x.so\n    tokenLabel: t\n    pinSecretRef: {name: p, key: k}\n    namespaceSelector: {matchLabel: {}}\n", "hsm config: line 6: hsms[0].namespaceSelector: unknown field \"matchLabel\"")]
    [InlineData("hsms:\n  - name: a\n    maxSessions: 0\n", "hsm config: line 3: hsms[0].maxSessions: \"0\" is not an integer between 1 and 64")]
    [InlineData("hsms:\n  - name: a\n    tokenLabel: 0123456789012345678901234567890123\n", "hsm config: line 3: hsms[0].tokenLabel: a token label has 1 to 32 bytes")]
    [InlineData("hsms:\n  - {name: a, module: /x.so, tokenLabel: t, pinSecretRef: {name: p, key: k}, namespaceSelector: {}}\n  - {name: a, module: /x.so, tokenLabel: t, pinSecretRef: {name: p, key: k}, namespaceSelector: {}}\n", "hsm config: line 3: hsms[1].name: \"a\" is used twice; names must be unique")]
    [InlineData("hsms: [", "hsm config: line 2: While parsing a node")]
    public void Parse_Invalid_NamesLineAndField(string yaml, string expected)
    {
        HsmConfigException ex = Assert.Throws<HsmConfigException>(() => HsmSettingsParser.Parse(yaml, static path => path == "/x.so"));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidFile_FailsNamingConfigFileLineAndField()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "hsms:\n  - name: a\n    module: relative.so\n");

            ValidateOptionsResult result = new HsmOptionsValidator().Validate(null, new HsmOptions { ConfigFile = path });

            Assert.True(result.Failed);
            Assert.Equal($"ConfigFile {path}: hsm config: line 3: hsms[0].module: \"relative.so\" is not an absolute path", Assert.Single(result.Failures!));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_MissingFile_FailsNamingIt()
    {
        ValidateOptionsResult result = new HsmOptionsValidator().Validate(null, new HsmOptions { ConfigFile = "/nonexistent/hsm.yaml" });

        Assert.Contains("cannot read /nonexistent/hsm.yaml", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoFile_Succeeds() => Assert.True(new HsmOptionsValidator().Validate(null, new HsmOptions()).Succeeded);
}
