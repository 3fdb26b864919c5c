// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using k8s.Models;
using KeyOperator.Hsm;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Hsm;
using KeyOperator.Operator.Tests.Controllers.Fakes;

namespace KeyOperator.Operator.Tests.Hsm;

public sealed class SecretHsmPinSourceTests
{
    private const string Pin = "s3cret-pin";
    private readonly InMemorySecretStore _secrets = new(new ObjectVersions());
    private readonly SecretHsmPinSource _source;

    public SecretHsmPinSourceTests()
    {
        var settings = new HsmSettings
        {
            Hsms =
            [
                new HsmDefinition
                {
                    Name = "softhsm",
                    Module = "/usr/lib/softhsm/libsofthsm2.so",
                    TokenLabel = "t",
                    PinSecretRef = new HsmPinSecretRef("hsm-pin", "pin"),
                    NamespaceSelector = new NamespaceSelector(),
                },
            ],
        };
        _source = new SecretHsmPinSource(new HsmCatalog(settings, "key-operator"), _secrets);
    }

    [Theory]
    [InlineData(Pin)]
    [InlineData(Pin + "\n")]
    [InlineData(Pin + "\r\n")]
    public async Task GetPinAsync_SecretInOperatorNamespace_ReturnsPinWithoutTrailingNewline(string stored)
    {
        Put("key-operator", "pin", stored);

        byte[] pin = await _source.GetPinAsync("softhsm", CancellationToken.None);

        Assert.Equal(Pin, Encoding.UTF8.GetString(pin));
    }

    [Fact]
    public async Task GetPinAsync_SecretInAnotherNamespaceOnly_FailsUnavailableNamingTheSecret()
    {
        Put("team", "pin", Pin);

        HsmException ex = await Assert.ThrowsAsync<HsmException>(() => _source.GetPinAsync("softhsm", CancellationToken.None).AsTask());

        Assert.Equal(HsmFailure.Unavailable, ex.Failure);
        Assert.Equal("HSM \"softhsm\": PIN Secret key-operator/hsm-pin does not exist", ex.Message);
    }

    [Fact]
    public async Task GetPinAsync_KeyMissing_FailsNamingTheKeyNotTheValue()
    {
        Put("key-operator", "other", Pin);

        HsmException ex = await Assert.ThrowsAsync<HsmException>(() => _source.GetPinAsync("softhsm", CancellationToken.None).AsTask());

        Assert.Equal("HSM \"softhsm\": PIN Secret key-operator/hsm-pin has no key \"pin\"", ex.Message);
        Assert.DoesNotContain(Pin, ex.Message, StringComparison.Ordinal);
    }

    private void Put(string ns, string key, string value) =>
        _secrets.Put(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "hsm-pin", NamespaceProperty = ns },
            Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(value) },
        });
}
