// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Aws;

/// <summary>
/// A request as SigV4 sees it: the method, the path and query as sent (already percent-encoded), every header to sign
/// (names in any case, repeated names allowed) and the exact body bytes.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path as sent, such as <c>/</c>.</param>
/// <param name="Query">The query as sent, without the <c>?</c> (empty when none).</param>
/// <param name="Headers">The headers to sign, Host and X-Amz-Date included.</param>
/// <param name="Body">The body.</param>
internal sealed record SigV4Request(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body);
