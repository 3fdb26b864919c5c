// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace KeyOperator.Kubernetes.Authentication;

/// <summary>
/// Credentials from an exec plugin, cached until <c>expirationTimestamp</c> or the first 401 (client-go
/// <c>exec.go</c>: <c>Authenticator.maybeRefreshCreds</c>). Only one plugin run happens at a time.
/// </summary>
internal sealed class ExecAuthenticator(ExecCredentialConfig exec, KubernetesClientConfiguration cluster, TimeProvider timeProvider)
    : IRequestAuthenticator, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ExecCredential? _current;

    /// <summary>The latest client certificate from the plugin, read by the TLS handshake.</summary>
    public X509Certificate2? ClientCertificate => Volatile.Read(ref _current)?.ClientCertificate;

    // Internal for testing: how many times the plugin ran.
    internal int Runs { get; private set; }

    public async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ExecCredential credential = await GetAsync(cancellationToken).ConfigureAwait(false);
        if (credential.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Token);
        }
    }

    public bool Invalidate()
    {
        Volatile.Write(ref _current, null);
        return true;
    }

    public void Dispose() => _gate.Dispose();

    // Internal for testing.
    internal async Task<ExecCredential> GetAsync(CancellationToken cancellationToken)
    {
        ExecCredential? current = Volatile.Read(ref _current);
        if (IsValid(current))
        {
            return current!;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = Volatile.Read(ref _current);
            if (IsValid(current))
            {
                return current!;
            }

            current = await ExecCredentialRunner.RunAsync(exec, cluster, cancellationToken).ConfigureAwait(false);
            Runs++;
            Volatile.Write(ref _current, current);
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool IsValid(ExecCredential? credential) =>
        credential is not null && (credential.ExpiresAt is not { } expiry || timeProvider.GetUtcNow() < expiry);
}
