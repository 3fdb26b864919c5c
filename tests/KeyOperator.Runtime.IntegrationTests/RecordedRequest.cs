// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>
/// One HTTP attempt of the client as it left for the wire: the Kubernetes verb and resource read from the request,
/// the status code (null when no response came: a connection fault, a timeout, a cancellation), the query, the
/// protocol versions asked for and answered, and when it started and completed (<see cref="TimeProvider.GetTimestamp"/>).
/// </summary>
internal sealed record RecordedRequest(
    string Verb,
    string Resource,
    int? StatusCode,
    string Query,
    Version RequestVersion,
    Version? ResponseVersion,
    long StartedAt,
    long CompletedAt)
{
    /// <summary>The value of one query parameter, or null (the library escapes values, so they are unescaped here).</summary>
    public string? QueryValue(string name)
    {
        foreach (var part in Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(part[(equals + 1)..]);
            }
        }

        return null;
    }

    public override string ToString() =>
        $"{Verb} {Resource} {StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}";
}
