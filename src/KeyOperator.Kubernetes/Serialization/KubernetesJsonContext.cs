// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;
using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Serialization;

/// <summary>
/// Source-generated serialization for the built-in models: camelCase names, nulls omitted, meta/v1 Time format.
/// No reflection, so the client stays trim- and AOT-safe.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(KubernetesTimeConverter)])]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(Condition))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(KubernetesList<Secret>))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(KubernetesList<ConfigMap>))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext
{
}
