// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Runtime.Kubernetes;

namespace KeyOperator.Operator.Serialization;

/// <summary>
/// Source-generated serialization for the operator's kinds, with the same conventions as the built-in models:
/// camelCase names, nulls omitted, meta/v1 Time (ours for DateTimeOffset, the library's for the DateTime fields of
/// <c>V1ObjectMeta</c>). The library's own serializer never sees our types: custom objects travel as JSON between
/// the library and this context. The CRD generator also walks this context's metadata, so every custom-resource root
/// type must be listed here. Append a [JsonSerializable] line for each new type.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(MetaTimeConverter), typeof(k8s.KubernetesJson.KubernetesDateTimeConverter)])]
[JsonSerializable(typeof(ApiKey))]
[JsonSerializable(typeof(CustomResourceList<ApiKey>))]
[JsonSerializable(typeof(ApiKeyStatus))]
[JsonSerializable(typeof(RotationPolicy))]
[JsonSerializable(typeof(CustomResourceList<RotationPolicy>))]
[JsonSerializable(typeof(RotationPolicyStatus))]
[JsonSerializable(typeof(KeyOperator.Operator.Rotation.RotationState))]
[JsonSerializable(typeof(KeyOperator.Operator.ExternalCredentials.ExternalCredential))]
[JsonSerializable(typeof(CustomResourceList<KeyOperator.Operator.ExternalCredentials.ExternalCredential>))]
[JsonSerializable(typeof(KeyOperator.Operator.ExternalCredentials.ExternalCredentialStatus))]

// metadata.managedFields[].fieldsV1 is typed object by the library and holds JSON.
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
internal sealed partial class OperatorJsonContext : JsonSerializerContext
{
}
