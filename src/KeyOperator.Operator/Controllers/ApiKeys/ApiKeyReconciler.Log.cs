// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Logging;

namespace KeyOperator.Operator.Controllers.ApiKeys;

internal sealed partial class ApiKeyReconciler
{
    // Event ids 3000-3099 belong to the ApiKey controller. Only fingerprints (digests) are logged, never key material.
    private static partial class Log
    {
        [LoggerMessage(3000, LogLevel.Debug, "ApiKey {Namespace}/{Name}: Secret assessed as {Verdict}", EventName = "SecretAssessed")]
        public static partial void Assessed(ILogger logger, string? @namespace, string? name, SecretVerdict verdict);

        [LoggerMessage(3001, LogLevel.Information, "ApiKey {Namespace}/{Name}: wrote key version {Version} ({Fingerprint}) after {Verdict}", EventName = "KeyMinted")]
        public static partial void Minted(ILogger logger, string? @namespace, string? name, int version, string fingerprint, SecretVerdict verdict);
    }
}
