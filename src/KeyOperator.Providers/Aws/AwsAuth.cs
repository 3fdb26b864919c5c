// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Aws;

/// <summary>How the operator gets AWS credentials: exactly one of the derived records.</summary>
public abstract record AwsAuth
{
    /// <summary>Identifies the identity and credentials for the shared client's key (fingerprints, never values).</summary>
    public abstract string Identity { get; }
}
