// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using static KeyOperator.ApiMachinery.Protobuf.ProtoFields;

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>
/// k8s.io/api <c>core/v1/generated.proto</c> messages the kubectl <c>create</c> generators send (Namespace, ConfigMap,
/// Secret, ServiceAccount, and the pod template of a Deployment) plus Event. Pod fields kubectl never generates
/// (affinity, probes, security contexts, most volume sources…) are not modelled and are skipped.
/// </summary>
internal static class CoreV1Messages
{
    public static ProtoMessage LocalObjectReference { get; } = new("LocalObjectReference", String(1, "name"));

    public static ProtoMessage ObjectReference { get; } = new(
        "ObjectReference",
        String(1, "kind"),
        String(2, "namespace"),
        String(3, "name"),
        String(4, "uid"),
        String(5, "apiVersion"),
        String(6, "resourceVersion"),
        String(7, "fieldPath"));

    public static ProtoMessage Namespace { get; } = new(
        "Namespace",
        Message(1, "metadata", MetaV1Messages.ObjectMeta),
        Message(2, "spec", new ProtoMessage("NamespaceSpec", Strings(1, "finalizers"))),
        Message(3, "status", new ProtoMessage(
            "NamespaceStatus",
            String(1, "phase"),
            Messages(2, "conditions", new ProtoMessage(
                "NamespaceCondition",
                String(1, "type"),
                String(2, "status"),
                Of(4, "lastTransitionTime", ProtoFieldKind.Time),
                String(5, "reason"),
                String(6, "message"))))));

    public static ProtoMessage ConfigMap { get; } = new(
        "ConfigMap",
        Message(1, "metadata", MetaV1Messages.ObjectMeta),
        Bool(4, "immutable", pointer: true),
        Of(2, "data", ProtoFieldKind.StringMap),
        Of(3, "binaryData", ProtoFieldKind.BytesMap));

    public static ProtoMessage Secret { get; } = new(
        "Secret",
        Message(1, "metadata", MetaV1Messages.ObjectMeta),
        Bool(5, "immutable", pointer: true),
        Of(2, "data", ProtoFieldKind.BytesMap),
        Of(4, "stringData", ProtoFieldKind.StringMap),
        String(3, "type"));

    public static ProtoMessage ServiceAccount { get; } = new(
        "ServiceAccount",
        Message(1, "metadata", MetaV1Messages.ObjectMeta),
        Messages(2, "secrets", ObjectReference),
        Messages(3, "imagePullSecrets", LocalObjectReference),
        Bool(4, "automountServiceAccountToken", pointer: true));

    public static ProtoMessage Event { get; } = new(
        "Event",
        Message(1, "metadata", MetaV1Messages.ObjectMeta),
        Message(2, "involvedObject", ObjectReference),
        String(3, "reason"),
        String(4, "message"),
        Message(5, "source", new ProtoMessage("EventSource", String(1, "component"), String(2, "host"))),
        Of(6, "firstTimestamp", ProtoFieldKind.Time),
        Of(7, "lastTimestamp", ProtoFieldKind.Time),
        Int32(8, "count"),
        String(9, "type"),
        Of(10, "eventTime", ProtoFieldKind.MicroTime),
        Message(11, "series", new ProtoMessage("EventSeries", Int32(1, "count"), Of(2, "lastObservedTime", ProtoFieldKind.MicroTime))),
        String(12, "action"),
        Message(13, "related", ObjectReference),
        String(14, "reportingComponent", pointer: true),
        String(15, "reportingInstance", pointer: true));

    public static ProtoMessage PodTemplateSpec { get; } = new(
        "PodTemplateSpec",
        Message(1, "metadata", MetaV1Messages.ObjectMeta),
        Message(2, "spec", PodV1Messages.PodSpec));
}
