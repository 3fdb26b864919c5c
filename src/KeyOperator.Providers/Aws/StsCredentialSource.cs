// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Providers.Aws;

/// <summary>
/// Temporary credentials from STS (AssumeRole, or AssumeRoleWithWebIdentity), cached and obtained again before they
/// expire: 5 minutes before, or at 2/3 of their lifetime when that is shorter than 15 minutes. Every reader of the
/// shared client goes through one gate, so 1,000 objects naming one role cause one STS call per credential lifetime.
/// When STS is away at refresh time, the current credentials are kept while they are still good.
/// </summary>
internal sealed class StsCredentialSource : IAwsCredentialSource
{
    private static readonly TimeSpan s_refreshBefore = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_keepMinimum = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Func<CancellationToken, Task<Credentials>> _call;
    private readonly IDisposable[] _owned;
    private readonly string _operation;
    private readonly string _role;
    private readonly string _sts;
    private readonly ProviderMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Lease? _lease;

    /// <summary>Creates the source.</summary>
    /// <param name="operation">The STS operation, for messages.</param>
    /// <param name="role">The role ARN.</param>
    /// <param name="sts">The STS endpoint, for messages.</param>
    /// <param name="call">Calls STS and returns its credentials.</param>
    /// <param name="metrics">Counts each STS call as a login.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The log.</param>
    /// <param name="owned">What lives as long as this source (the STS client, its HTTP factory).</param>
    public StsCredentialSource(string operation, string role, string sts, Func<CancellationToken, Task<Credentials>> call, ProviderMetrics metrics, TimeProvider time, ILogger logger, params IDisposable[] owned)
    {
        _operation = operation;
        _role = role;
        _sts = sts;
        _call = call;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _owned = owned;
        Describe = $"role {role} ({operation})";
    }

    public string Describe { get; }

    public async Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        Lease? lease = Volatile.Read(ref _lease);
        if (lease is not null && _time.GetUtcNow() < lease.RefreshAt)
        {
            return lease.Credentials;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another reader may have refreshed while this one waited: that is the single flight.
            lease = Volatile.Read(ref _lease);
            DateTimeOffset now = _time.GetUtcNow();
            if (lease is not null && now < lease.RefreshAt)
            {
                return lease.Credentials;
            }

            try
            {
                lease = await ObtainAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ProviderException ex) when (ex.Failure != ProviderFailure.AuthFailed && lease is not null && lease.Expiration - now > s_keepMinimum)
            {
                AwsLog.RefreshFailed(_logger, ex, _operation, _role, lease.Expiration);
                lease = lease with { RefreshAt = now + ((lease.Expiration - now) / 2) };
            }

            Volatile.Write(ref _lease, lease);
            return lease.Credentials;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Expired(ImmutableCredentials credentials)
    {
        Lease? lease = Volatile.Read(ref _lease);
        if (lease is not null && ReferenceEquals(lease.Credentials, credentials)
            && Interlocked.CompareExchange(ref _lease, lease with { RefreshAt = DateTimeOffset.MinValue }, lease) == lease)
        {
            AwsLog.CredentialsExpired(_logger, credentials.AccessKey, "refused");
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        foreach (IDisposable owned in _owned)
        {
            owned.Dispose();
        }
    }

    private async Task<Lease> ObtainAsync(CancellationToken cancellationToken)
    {
        _metrics.Login("aws");
        Credentials credentials;
        try
        {
            credentials = await _call(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StsErrors.Map(ex, _operation, _role, _sts, cancellationToken) is { } mapped)
        {
            throw mapped;
        }

        if (credentials is not { AccessKeyId.Length: > 0, SecretAccessKey.Length: > 0, SessionToken.Length: > 0 })
        {
            throw new ProviderException(ProviderFailure.Unavailable, $"STS {_sts}: {_operation} for {_role} answered without credentials");
        }

        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset expiration = credentials.Expiration is { } at
            ? new DateTimeOffset(at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime())
            : now + TimeSpan.FromHours(1);
        TimeSpan lifetime = expiration - now;
        DateTimeOffset refreshAt = lifetime > TimeSpan.FromMinutes(15) ? expiration - s_refreshBefore : now + (lifetime * 2 / 3);
        AwsLog.AssumedRole(_logger, _operation, _role, _sts, credentials.AccessKeyId, expiration);
        return new Lease(new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken), expiration, refreshAt);
    }

    private sealed record Lease(ImmutableCredentials Credentials, DateTimeOffset Expiration, DateTimeOffset RefreshAt);
}
