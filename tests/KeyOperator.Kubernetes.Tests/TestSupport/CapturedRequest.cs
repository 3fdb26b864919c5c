// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Tests.TestSupport;

/// <summary>A request as it arrived on the wire.</summary>
internal sealed record CapturedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.TryGetValue("Content-Type", out string? value) ? value : null;

    /// <summary>Parses a golden request file: request line, headers, blank line, body.</summary>
    public static CapturedRequest Parse(string raw)
    {
        int split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        string head = split < 0 ? raw : raw[..split];
        string body = split < 0 ? string.Empty : raw[(split + 4)..];
        string[] lines = head.Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return new CapturedRequest(requestLine[0], requestLine[1], headers, body);
    }
}
