// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Logging;

namespace KeyOperator.ControlPlane;

/// <summary>Settings of a <see cref="LocalControlPlane"/>.</summary>
public sealed record LocalControlPlaneOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Clock for timestamps (creation, deletion, ages); tests pass a FakeTimeProvider.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How many watch events are kept so that watches can resume from an older resourceVersion.</summary>
    public int WatchHistoryWindow { get; init; } = 10000;

    /// <summary>Interval between BOOKMARK events on watches that asked for them.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Bearer token to accept; null generates a random one.</summary>
    public string? Token { get; init; }

    /// <summary>Logger factory for the server; null keeps Kestrel quiet (warnings only to nowhere).</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// Maps a webhook's <c>clientConfig.service</c> to a base URL (scheme, host, port; the reference's path is appended),
    /// because there is no cluster network. Called on every webhook call, so it may follow a port that changes. Null,
    /// or a null answer, fails the call with <c>service "name" not found</c> as a real cluster does for a missing
    /// service. The serving certificate must still be valid for <c>name.namespace.svc</c> and chain to the caBundle.
    /// </summary>
    public Func<Webhooks.WebhookServiceReference, Uri?>? WebhookServiceResolver { get; init; }

    /// <summary>
    /// The service-account token issuer (<c>--service-account-issuer</c>): the <c>iss</c> of every token, the issuer of
    /// the OIDC discovery document and the API server's audience (<c>--api-audiences</c> defaults to it). An absolute
    /// https URL without query or fragment; null uses the server's own base URL (<c>https://127.0.0.1:PORT</c>), so a
    /// verifier can fetch <c>{iss}/.well-known/openid-configuration</c>. A trailing slash is kept as given.
    /// </summary>
    public Uri? ServiceAccountIssuer { get; init; }

    /// <summary>
    /// The longest token a TokenRequest gets (<c>--service-account-max-token-expiration</c>); longer requests are
    /// shortened to it. At least 10 minutes, the shortest a TokenRequest may ask for.
    /// </summary>
    public TimeSpan ServiceAccountMaxTokenExpiration { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Validating admission hooks, called after schema validation and before persistence (the webhook
    /// dispatcher plugs in here).</summary>
    internal IReadOnlyList<Hooks.IAdmissionValidator> AdmissionValidators { get; init; } = [];
}
