// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Http;

/// <summary>A request path under <c>/api/v1</c> or <c>/apis/&lt;group&gt;/&lt;version&gt;</c> that names a resource
/// (parsed like apiserver's <c>RequestInfoFactory</c>).</summary>
internal sealed record ResourceRequest
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public string? Namespace { get; init; }

    public required string Resource { get; init; }

    public string? Name { get; init; }

    public string? Subresource { get; init; }

    /// <summary>Parses the segments after the group-version; null when they do not name a resource.</summary>
    public static ResourceRequest? Parse(string group, string version, string[] parts)
    {
        if (parts.Length == 0)
        {
            return null;
        }

        string? ns = null;
        // "namespaces/{name}" is the namespace object itself unless followed by a resource; status and finalize are
        // namespace subresources, not resources inside the namespace.
        if (parts[0] == "namespaces" && parts.Length >= 3 && parts[2] is not ("status" or "finalize"))
        {
            ns = parts[1];
            parts = parts[2..];
        }

        if (parts.Length > 3)
        {
            return null;
        }

        return new ResourceRequest
        {
            Group = group,
            Version = version,
            Namespace = ns,
            Resource = parts[0],
            Name = parts.Length > 1 ? parts[1] : null,
            Subresource = parts.Length > 2 ? parts[2] : null,
        };
    }
}
