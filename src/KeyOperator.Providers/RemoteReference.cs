// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers;

/// <summary>
/// Names one remote secret. <see cref="Key"/> is the store's name for it (the path below the KV mount for Vault, the
/// secret name or ARN for AWS, the secret name for Azure); <see cref="Version"/> picks a version (a KV v2 version
/// number, an AWS VersionId or staging label such as <c>AWSPREVIOUS</c>, an Azure secret version); null is the
/// current one. Properties of a JSON value are picked by the caller, not the provider.
/// </summary>
/// <param name="Key">The store's name of the secret.</param>
/// <param name="Version">The version to read, or null for the current one.</param>
public sealed record RemoteReference(string Key, string? Version = null);
