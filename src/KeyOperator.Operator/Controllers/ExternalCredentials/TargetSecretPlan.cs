// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>The Secret a sync wants: to create (no resourceVersion), to replace, or null when the existing one is right.</summary>
/// <param name="Write">The Secret to create or replace, or null when nothing changes.</param>
/// <param name="Create">Whether <paramref name="Write"/> is a create.</param>
/// <param name="Data">The data the Secret holds after the write (or already holds).</param>
/// <param name="ManagedKeys">The keys this ExternalCredential writes (the hash covers these).</param>
/// <param name="Deleted">Target keys removed because their remote value is confirmed deleted under deletionPolicy Delete.</param>
internal sealed record TargetSecretPlan(V1Secret? Write, bool Create, IReadOnlyDictionary<string, byte[]> Data, IReadOnlyList<string> ManagedKeys, IReadOnlyList<string> Deleted);
