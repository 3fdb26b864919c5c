// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Serialization;

/// <summary>
/// Source-generated serialization for the operator's kinds, with the same conventions as the built-in models:
/// camelCase names, nulls omitted, meta/v1 Time. The CRD generator also walks this context's metadata, so every
/// custom-resource root type must be listed here. Append a [JsonSerializable] line for each new type.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubernetesTimeConverter)])]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(KubernetesList<ApiKey>))]
[JsonSerializable(typeof(ApiKeyStatus))]
[JsonSerializable(typeof(KeyOperator.Operator.RotationPolicies.RotationPolicy))]
[JsonSerializable(typeof(KubernetesList<KeyOperator.Operator.RotationPolicies.RotationPolicy>))]
[JsonSerializable(typeof(KeyOperator.Operator.Rotation.RotationState))]
internal sealed partial class OperatorJsonContext : JsonSerializerContext
{
}
