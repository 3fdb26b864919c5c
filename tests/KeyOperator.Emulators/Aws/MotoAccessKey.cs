// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Aws;

/// <summary>An IAM access key moto issued.</summary>
/// <param name="AccessKeyId">The access key id.</param>
/// <param name="SecretAccessKey">The secret access key.</param>
public sealed record MotoAccessKey(string AccessKeyId, string SecretAccessKey);
