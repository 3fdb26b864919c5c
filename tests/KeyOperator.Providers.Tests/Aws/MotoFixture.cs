// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Emulators.Aws;

namespace KeyOperator.Providers.Tests.Aws;

/// <summary>Two moto servers for a test class: one that checks SigV4 and IAM, one that does not (for web identity, whose STS call is unsigned).</summary>
public sealed class MotoFixture : IAsyncLifetime
{
    private MotoServer? _enforced;
    private MotoServer? _open;

    public MotoServer Enforced => _enforced ?? throw new InvalidOperationException("not started");

    public MotoServer Open => _open ?? throw new InvalidOperationException("not started");

    public MotoIdentities Identities => Enforced.Identities!;

    public async Task InitializeAsync()
    {
        Task<MotoServer> enforced = MotoServer.StartAsync(enforceAuth: true);
        Task<MotoServer> open = MotoServer.StartAsync(enforceAuth: false);
        _enforced = await enforced;
        _open = await open;
    }

    public async Task DisposeAsync()
    {
        if (_enforced is not null)
        {
            await _enforced.DisposeAsync();
        }

        if (_open is not null)
        {
            await _open.DisposeAsync();
        }
    }
}
