// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Azure;

/// <summary>A failure to answer instead of the real response, for a number of requests.</summary>
/// <param name="Status">The HTTP status (429, 500, 503, …).</param>
/// <param name="RetryAfter">The Retry-After to send, in whole seconds, if any.</param>
internal sealed record EmulatedFault(int Status, TimeSpan? RetryAfter);
