// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Authentication;

/// <summary>Anonymous, or client-certificate only (the certificate is set on the handler).</summary>
internal sealed class NoAuthenticator : IRequestAuthenticator
{
    public static NoAuthenticator Instance { get; } = new();

    public ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public bool Invalidate() => false;
}
