// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net.Http.Headers;
using System.Text;

namespace KeyOperator.Kubernetes.Authentication;

/// <summary>A fixed bearer token or basic-auth pair.</summary>
internal sealed class StaticHeaderAuthenticator(AuthenticationHeaderValue header) : IRequestAuthenticator
{
    public static StaticHeaderAuthenticator Bearer(string token) => new(new AuthenticationHeaderValue("Bearer", token));

    public static StaticHeaderAuthenticator Basic(string user, string password) =>
        new(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password))));

    public ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = header;
        return ValueTask.CompletedTask;
    }

    public bool Invalidate() => false;
}
