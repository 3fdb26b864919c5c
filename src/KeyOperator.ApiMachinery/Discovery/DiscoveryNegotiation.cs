// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.Discovery;

/// <summary>Decides from an <c>Accept</c> header which discovery format a client wants.</summary>
public static class DiscoveryNegotiation
{
    /// <summary>
    /// True when <paramref name="accept"/> lists the aggregated media type
    /// <c>application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList</c> (parameters in any order, not
    /// refused with <c>q=0</c>); answer with <see cref="DiscoveryDocuments.AggregatedContentType"/> then, else legacy JSON.
    /// </summary>
    /// <param name="accept">The raw header value; may be null.</param>
    public static bool WantsAggregated(string? accept)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return false;
        }

        foreach (var range in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries);
            if (!string.Equals(parts[0], "application/json", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string? group = null, version = null, kind = null, quality = null;
            foreach (var parameter in parts.AsSpan(1))
            {
                var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    continue;
                }

                var value = parameter[(eq + 1)..].Trim('"');
                var name = parameter[..eq].Trim().ToLowerInvariant();
                group = name == "g" ? value : group;
                version = name == "v" ? value : version;
                kind = name == "as" ? value : kind;
                quality = name == "q" ? value : quality;
            }

            if (group == "apidiscovery.k8s.io" && version == "v2" && kind == "APIGroupDiscoveryList" && !IsZero(quality))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsZero(string? quality) =>
        quality is not null && double.TryParse(quality, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var q) && q <= 0;
}
