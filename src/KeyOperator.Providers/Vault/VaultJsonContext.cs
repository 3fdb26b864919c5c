// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Providers.Vault;

/// <summary>Source-generated JSON for the Vault wire format (snake_case), so the client stays trim- and AOT-safe.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VaultResponse))]
[JsonSerializable(typeof(VaultAppRoleLoginRequest))]
[JsonSerializable(typeof(VaultKubernetesLoginRequest))]
internal sealed partial class VaultJsonContext : JsonSerializerContext;
