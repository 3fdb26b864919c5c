// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net.Http.Headers;

namespace KeyOperator.Kubernetes.Authentication;

/// <summary>
/// Bearer token read from a file and re-read once a minute, as client-go's <c>transport/token_source.go</c>
/// (<c>cachingTokenSource</c> with <c>period: time.Minute</c>): the kubelet rewrites projected tokens at 80 % of their
/// lifetime, so a minute-old copy is always still valid. A failed re-read keeps the previous token, as client-go does.
/// </summary>
internal sealed class TokenFileAuthenticator(string path, TimeProvider timeProvider) : IRequestAuthenticator
{
    // Internal for testing.
    internal static readonly TimeSpan RefreshPeriod = TimeSpan.FromMinutes(1);

    private readonly object _sync = new();
    private string? _token;
    private DateTimeOffset _readAt;

    public ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GetToken());
        return ValueTask.CompletedTask;
    }

    public bool Invalidate()
    {
        lock (_sync)
        {
            _readAt = DateTimeOffset.MinValue;
        }

        return true;
    }

    // Internal for testing.
    internal string GetToken()
    {
        lock (_sync)
        {
            DateTimeOffset now = timeProvider.GetUtcNow();
            if (_token is null || now - _readAt >= RefreshPeriod)
            {
                try
                {
                    _token = File.ReadAllText(path).Trim();
                    _readAt = now;
                }
                catch (IOException) when (_token is not null)
                {
                    // Keep serving the last token; the file is being rotated or is briefly unavailable.
                }
            }

            return _token;
        }
    }
}
