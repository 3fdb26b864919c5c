// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Client;

/// <summary>
/// The Kubernetes verb of an API request, told from the method, path, query and content type the way the API server's
/// request-info factory tells it (k8s.io/apiserver pkg/endpoints/request/requestinfo.go), so the verb label matches
/// what audit logs and the server's own metrics say. Only fixed strings come out, so the result is safe as a label.
/// </summary>
internal static class KubernetesVerb
{
    private const string ApplyPatchMediaTypePrefix = "application/apply-patch+";

    /// <summary>The verb of <paramref name="request"/>: get, list, watch, create, update, patch, apply, delete or unknown.</summary>
    public static string Of(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head)
        {
            var path = Segments(request.RequestUri, out var legacyWatch);
            if (legacyWatch || IsWatchQuery(request.RequestUri))
            {
                return "watch";
            }

            return IsCollection(path) ? "list" : "get";
        }

        if (method == HttpMethod.Post)
        {
            return "create";
        }

        if (method == HttpMethod.Put)
        {
            return "update";
        }

        if (method == HttpMethod.Patch)
        {
            var mediaType = request.Content?.Headers.ContentType?.MediaType;
            return mediaType is not null && mediaType.StartsWith(ApplyPatchMediaTypePrefix, StringComparison.OrdinalIgnoreCase) ? "apply" : "patch";
        }

        return method == HttpMethod.Delete ? "delete" : "unknown";
    }

    /// <summary>
    /// The resource part of the path: what follows /api/{version} or /apis/{group}/{version} (and the legacy
    /// /watch/ prefix), with /namespaces/{ns} taken off unless the request is about the namespace itself. Empty for
    /// non-resource paths (/version, /healthz, discovery).
    /// </summary>
    private static ReadOnlySpan<string> Segments(Uri? uri, out bool legacyWatch)
    {
        legacyWatch = false;
        if (uri is null)
        {
            return [];
        }

        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?', 2)[0];
        ReadOnlySpan<string> parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var prefix = parts.Length > 0 ? parts[0] : string.Empty;
        var resourceStart = prefix switch
        {
            "api" => 2,
            "apis" => 3,
            _ => int.MaxValue,
        };
        if (resourceStart >= parts.Length)
        {
            return [];
        }

        parts = parts[resourceStart..];
        if (parts[0] == "watch" && parts.Length > 1)
        {
            legacyWatch = true;
            parts = parts[1..];
        }

        // namespaces/{ns}/status and namespaces/{ns}/finalize are subresources of the namespace; any other third
        // segment is a namespaced resource, and the parts that matter start there.
        if (parts[0] == "namespaces" && parts.Length > 2 && parts[2] is not ("status" or "finalize"))
        {
            parts = parts[2..];
        }

        return parts;
    }

    /// <summary>One segment left means a resource without a name: the collection.</summary>
    private static bool IsCollection(ReadOnlySpan<string> resourceParts) => resourceParts.Length == 1;

    private static bool IsWatchQuery(Uri? uri)
    {
        if (uri is null)
        {
            return false;
        }

        var query = uri.IsAbsoluteUri ? uri.Query : (uri.OriginalString.Split('?', 2) is [_, var q] ? q : string.Empty);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            if (key == "watch")
            {
                var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }
}
