// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;

namespace KeyOperator.Providers.Vault;

/// <summary>One answer of Vault, read in full. The body may hold secret data; a byte array prints as its type name only.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The raw body.</param>
/// <param name="RetryAfter">The Retry-After as a delay from now, if the response had one.</param>
internal sealed record VaultReply(HttpStatusCode Status, byte[] Body, TimeSpan? RetryAfter);
