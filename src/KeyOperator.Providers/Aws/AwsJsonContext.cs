// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Providers.Aws;

/// <summary>Source-generated JSON for the Secrets Manager wire format (member names as in the API model), so the client stays trim- and AOT-safe.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(GetSecretValueResponse))]
[JsonSerializable(typeof(AwsJsonError))]
internal sealed partial class AwsJsonContext : JsonSerializerContext;
