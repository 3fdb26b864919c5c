// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>What one sync read: values by Secret key, the remote versions, and the remote keys the store reported not found.</summary>
/// <param name="Values">Synced values by target key.</param>
/// <param name="Versions">The remote versions, in spec order.</param>
/// <param name="NotFound">Remote keys (with their version, as <c>key@version</c>) confirmed missing by the store at this sync.</param>
/// <param name="NotFoundTargets">Target keys whose remote value was not found, with the remote key they come from.</param>
internal sealed record RemoteData(
    IReadOnlyDictionary<string, byte[]> Values,
    IReadOnlyList<string> Versions,
    IReadOnlyList<string> NotFound,
    IReadOnlyDictionary<string, string> NotFoundTargets);
