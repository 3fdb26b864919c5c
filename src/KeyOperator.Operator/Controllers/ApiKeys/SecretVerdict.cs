// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>What the controller found when it compared the Secret with the ApiKey.</summary>
internal enum SecretVerdict
{
    /// <summary>The Secret holds the key the status describes; at most its metadata needs repair.</summary>
    Healthy,

    /// <summary>No Secret of that name exists.</summary>
    Missing,

    /// <summary>A Secret of that name exists but this ApiKey does not control it.</summary>
    Foreign,

    /// <summary>The key parameters in the spec changed (format, length, prefix, ...).</summary>
    SpecChanged,

    /// <summary>The data no longer matches the recorded fingerprint: treated as a compromise.</summary>
    Tampered,
}
