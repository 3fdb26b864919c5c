// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Tokens;

/// <summary>
/// What a TokenReview of a service-account token answers (<c>status</c> of an <c>authentication.k8s.io/v1</c>
/// TokenReview), for tests that check tokens without going through HTTP.
/// </summary>
public sealed record ServiceAccountTokenReview
{
    /// <summary>True when the token is valid for one of the requested audiences.</summary>
    public bool Authenticated { get; init; }

    /// <summary><c>system:serviceaccount:&lt;namespace&gt;:&lt;name&gt;</c>; null when not authenticated.</summary>
    public string? Username { get; init; }

    /// <summary>The ServiceAccount's uid; null when not authenticated.</summary>
    public string? Uid { get; init; }

    /// <summary><c>system:serviceaccounts</c>, <c>system:serviceaccounts:&lt;namespace&gt;</c>, <c>system:authenticated</c>.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Extra user information, such as <c>authentication.kubernetes.io/credential-id: [JTI=…]</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The requested audiences the token is valid for.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>Why the token was rejected, worded as kube-apiserver words it; null when authenticated.</summary>
    public string? Error { get; init; }
}
