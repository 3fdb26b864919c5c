// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Emulators.Aws;

namespace KeyOperator.Tests.ExternalCredentials;

/// <summary>One moto (HTTPS with its own CA, SigV4 and IAM enforced) for a test class.</summary>
public sealed class MotoServerFixture : IAsyncLifetime
{
    private MotoServer? _moto;

    public MotoServer Moto => _moto ?? throw new InvalidOperationException("not started");

    /// <summary>The CA as a caBundle value (base64 PEM).</summary>
    public string CaBundle => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Moto.CaPem));

    public async Task InitializeAsync() => _moto = await MotoServer.StartAsync(enforceAuth: true);

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }
}
