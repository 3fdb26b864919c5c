// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Hsm;

namespace KeyOperator.Operator.Keys;

/// <summary>
/// Default <see cref="IKeyGenerator"/>. Key pairs are generated on the thread pool behind a semaphore of
/// <see cref="Environment.ProcessorCount"/> slots: a burst of RSA-4096 keys (seconds each) then queues here
/// instead of occupying every pool thread, so reconciles of other keys and the watch loops keep running.
/// </summary>
internal sealed class KeyGenerator : IKeyGenerator, IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly HsmKeyDeriver? _hsm;

    /// <summary>Creates a generator with one slot per processor.</summary>
    public KeyGenerator()
        : this(Environment.ProcessorCount)
    {
    }

    /// <summary>Creates a generator with a given number of concurrent key-pair generations.</summary>
    /// <param name="maxConcurrentKeyPairs">Slots; at least 1.</param>
    internal KeyGenerator(int maxConcurrentKeyPairs)
        : this(null, maxConcurrentKeyPairs)
    {
    }

    /// <summary>Creates a generator that derives keys with spec.source.hsm through <paramref name="hsm"/>.</summary>
    internal KeyGenerator(HsmKeyDeriver? hsm, int maxConcurrentKeyPairs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentKeyPairs, 1);
        _slots = new SemaphoreSlim(maxConcurrentKeyPairs, maxConcurrentKeyPairs);
        _hsm = hsm;
    }

    /// <inheritdoc />
    public async Task<GeneratedKey> GenerateAsync(ApiKey apiKey, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        if (apiKey.Spec.Source?.Hsm is null)
        {
            return await GenerateAsync(apiKey.Spec, version, cancellationToken).ConfigureAwait(false);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (!apiKey.Spec.TryGetFormat(out ApiKeyFormat format))
        {
            throw new ArgumentException("The spec sets more than one key format.", nameof(apiKey));
        }

        HsmKeyDeriver hsm = _hsm ?? throw new KeyOperator.Hsm.HsmException(KeyOperator.Hsm.HsmFailure.NotConfigured, null, "this operator has no HSM support configured");
        return new GeneratedKey(version, await hsm.DeriveAsync(apiKey, format, version, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<GeneratedKey> GenerateAsync(ApiKeySpec spec, int version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (!spec.TryGetFormat(out ApiKeyFormat format))
        {
            throw new ArgumentException("The spec sets more than one key format.", nameof(spec));
        }

        KeyMaterial material = format switch
        {
            ApiKeyFormat.Hmac => SymmetricKeys.CreateHmac(spec.Hmac!),
            ApiKeyFormat.BasicAuth => SymmetricKeys.CreateBasicAuth(spec.BasicAuth!),
            ApiKeyFormat.Rsa => await RunBoundedAsync(() => AsymmetricKeys.CreateRsa(spec.Rsa!), cancellationToken).ConfigureAwait(false),
            ApiKeyFormat.Ecdsa => await RunBoundedAsync(() => AsymmetricKeys.CreateEcdsa(spec.Ecdsa!), cancellationToken).ConfigureAwait(false),
            _ => SymmetricKeys.CreateToken(spec.Token ?? new TokenSpec()),
        };
        return new GeneratedKey(version, material);
    }

    /// <summary>Releases the semaphore.</summary>
    public void Dispose() => _slots.Dispose();

    private async Task<KeyMaterial> RunBoundedAsync(Func<KeyMaterial> generate, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Not passing the token to Task.Run: once a slot is taken the work should finish and release it.
            return await Task.Run(generate, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
