// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane;

/// <summary>
/// Which API requests a fault or a recording applies to. Every filter left null matches anything; the sets match
/// when they contain the request's value.
/// </summary>
public sealed record FaultTarget
{
    /// <summary>The verbs that change state: create, update, patch, delete, deletecollection.</summary>
    public static IReadOnlySet<string> WriteVerbs { get; } = new HashSet<string>(StringComparer.Ordinal) { "create", "update", "patch", "delete", "deletecollection" };

    /// <summary>Kubernetes verbs (get, list, watch, create, update, patch, delete, deletecollection).</summary>
    public IReadOnlySet<string>? Verbs { get; init; }

    /// <summary>Plural resources, such as <c>secrets</c> (a status write counts as its resource's).</summary>
    public IReadOnlySet<string>? Resources { get; init; }

    /// <summary>Namespace of the request.</summary>
    public string? Namespace { get; init; }

    /// <summary>Object name of the request.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Start of the client's <c>User-Agent</c>, to tell one client's requests from another's (for example the
    /// operator's writes from the test's own kubectl).
    /// </summary>
    public string? UserAgentPrefix { get; init; }

    /// <summary>Every write (<see cref="WriteVerbs"/>) to the given resources in one namespace.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="resources">Plural resource names; none means all resources.</param>
    public static FaultTarget Writes(string @namespace, params string[] resources) => new()
    {
        Verbs = WriteVerbs,
        Resources = resources.Length == 0 ? null : new HashSet<string>(resources, StringComparer.Ordinal),
        Namespace = @namespace,
    };

    internal bool Matches(FaultRequest request) =>
        (Verbs is null || Verbs.Contains(request.Verb))
        && (Resources is null || Resources.Contains(request.Resource))
        && (Namespace is null || Namespace == request.Namespace)
        && (Name is null || Name == request.Name)
        && (UserAgentPrefix is null || request.UserAgent.StartsWith(UserAgentPrefix, StringComparison.Ordinal));
}
