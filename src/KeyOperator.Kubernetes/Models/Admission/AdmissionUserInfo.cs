// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>authentication.k8s.io/v1 UserInfo as carried by an admission request.</summary>
public sealed record AdmissionUserInfo
{
    /// <summary>User name.</summary>
    public string? Username { get; init; }

    /// <summary>User uid.</summary>
    public string? Uid { get; init; }

    /// <summary>Groups the user belongs to.</summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>Extra attributes from the authenticator.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? Extra { get; init; }
}
