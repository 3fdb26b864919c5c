// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Client;

/// <summary>What the handlers need to know of a request: is it a watch, is it a read.</summary>
internal static class KubernetesRequests
{
    /// <summary>True for a WATCH (<c>watch=true</c> or <c>watch=1</c> in the query): a long-lived stream.</summary>
    public static bool IsWatch(HttpRequestMessage request)
    {
        string query = request.RequestUri?.Query ?? string.Empty;
        foreach (string part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Equals("watch=true", StringComparison.OrdinalIgnoreCase) || part.Equals("watch=1", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for GET and HEAD that are not watches: repeating them changes nothing on the server.</summary>
    public static bool IsRead(HttpRequestMessage request) =>
        (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head) && !IsWatch(request);
}
