// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Authentication;

/// <summary>Adds credentials to each request.</summary>
internal interface IRequestAuthenticator
{
    /// <summary>Sets the Authorization header (and, for exec plugins, the current client certificate).</summary>
    ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Called on a 401: drops cached credentials. Returns true when fresh ones may differ, so one retry is worthwhile.
    /// </summary>
    bool Invalidate();
}
