// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;

namespace KeyOperator.Kubernetes;

/// <summary>Builds request paths and query strings the way client-go does (query keys sorted, as Go's <c>url.Values.Encode</c>).</summary>
internal static class ResourcePath
{
    public static string Build(ResourceType type, string? ns, string? name, string? subresource, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var path = new StringBuilder(type.Group.Length == 0 ? "/api/" + type.Version : $"/apis/{type.Group}/{type.Version}");
        if (type.Namespaced && !string.IsNullOrEmpty(ns))
        {
            path.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        }

        path.Append('/').Append(type.Plural);
        if (!string.IsNullOrEmpty(name))
        {
            path.Append('/').Append(Uri.EscapeDataString(name));
        }

        if (!string.IsNullOrEmpty(subresource))
        {
            path.Append('/').Append(subresource);
        }

        if (query is not null)
        {
            char separator = '?';
            foreach ((string key, string? value) in query.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                path.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value!));
                separator = '&';
            }
        }

        return path.ToString();
    }
}
