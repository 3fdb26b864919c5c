// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Reflection;
using System.Text;
using KeyOperator.Providers.Aws;

namespace KeyOperator.Providers.Tests.Aws;

/// <summary>Reads the copied AWS fixtures (tests/fixtures/aws-sigv4, tests/fixtures/aws-secretsmanager; see their SOURCES.md).</summary>
internal static class AwsFixtures
{
    public static string Root { get; } =
        typeof(AwsFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SharedFixtures").Value!;

    public static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path]));

    /// <summary>Parses a suite <c>.req</c>: request line, headers (indented lines continue the previous value), a blank line, the body.</summary>
    public static SigV4Request ParseRequest(string text)
    {
        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string[] requestLine = lines[0].Split(' ');
        string method = requestLine[0];
        string target = string.Join(' ', requestLine[1..^1]);
        int question = target.IndexOf('?', StringComparison.Ordinal);
        string path = question < 0 ? target : target[..question];
        string query = question < 0 ? string.Empty : target[(question + 1)..];
        List<KeyValuePair<string, string>> headers = [];
        int i = 1;
        for (; i < lines.Length && lines[i].Length > 0; i++)
        {
            if (char.IsWhiteSpace(lines[i][0]) && headers.Count > 0)
            {
                KeyValuePair<string, string> last = headers[^1];
                headers[^1] = new(last.Key, last.Value + "\n" + lines[i]);
                continue;
            }

            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(lines[i][..colon], lines[i][(colon + 1)..]));
        }

        string body = i < lines.Length ? string.Join('\n', lines[(i + 1)..]) : string.Empty;
        return new SigV4Request(method, path, query, headers, Encoding.UTF8.GetBytes(body));
    }
}
