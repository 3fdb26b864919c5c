// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using KeyOperator.Kubernetes.Models;

namespace KeyOperator.Kubernetes.Serialization;

/// <summary>
/// Source-generated serialization for the built-in models: camelCase names, nulls omitted, meta/v1 Time format.
/// No reflection, so the client stays trim- and AOT-safe. Pass <c>KubernetesJsonContext.Default.Secret</c> (etc.) to
/// the client's typed verbs, or <c>KubernetesJsonContext.Default.JsonObject</c> for untyped access.
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
[JsonSerializable(typeof(Namespace))]
[JsonSerializable(typeof(KubernetesList<Namespace>))]
[JsonSerializable(typeof(ServiceAccount))]
[JsonSerializable(typeof(KubernetesList<ServiceAccount>))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(KubernetesList<Event>))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(KubernetesList<Lease>))]
[JsonSerializable(typeof(CustomResourceDefinition))]
[JsonSerializable(typeof(KubernetesList<CustomResourceDefinition>))]
[JsonSerializable(typeof(ValidatingWebhookConfiguration))]
[JsonSerializable(typeof(KubernetesList<ValidatingWebhookConfiguration>))]
[JsonSerializable(typeof(AdmissionReview))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(KubernetesList<Deployment>))]
[JsonSerializable(typeof(StatefulSet))]
[JsonSerializable(typeof(KubernetesList<StatefulSet>))]
[JsonSerializable(typeof(DaemonSet))]
[JsonSerializable(typeof(KubernetesList<DaemonSet>))]
[JsonSerializable(typeof(PartialObjectMetadata))]
[JsonSerializable(typeof(KubernetesList<PartialObjectMetadata>))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(KubernetesList<JsonObject>))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext
{
}
