// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using static KeyOperator.ApiMachinery.Protobuf.ProtoFields;

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>
/// k8s.io/apimachinery <c>pkg/apis/meta/v1/generated.proto</c> and <c>pkg/runtime/generated.proto</c> messages.
/// ObjectMeta 1–14 were also checked against bodies captured from kubectl 1.32.4 (tests/…/TestData).
/// </summary>
internal static class MetaV1Messages
{
    public static ProtoMessage OwnerReference { get; } = new(
        "OwnerReference",
        String(5, "apiVersion"),
        String(1, "kind"),
        String(3, "name"),
        String(4, "uid"),
        Bool(6, "controller", pointer: true),
        Bool(7, "blockOwnerDeletion", pointer: true));

    public static ProtoMessage ManagedFieldsEntry { get; } = new(
        "ManagedFieldsEntry",
        String(1, "manager"),
        String(2, "operation"),
        String(3, "apiVersion"),
        Of(4, "time", ProtoFieldKind.Time),
        String(6, "fieldsType"),
        Of(7, "fieldsV1", ProtoFieldKind.RawJson),
        String(8, "subresource"));

    public static ProtoMessage ObjectMeta { get; } = new(
        "ObjectMeta",
        String(1, "name"),
        String(2, "generateName"),
        String(3, "namespace"),
        String(4, "selfLink"),
        String(5, "uid"),
        String(6, "resourceVersion"),
        Int64(7, "generation"),
        Of(8, "creationTimestamp", ProtoFieldKind.Time),
        Of(9, "deletionTimestamp", ProtoFieldKind.Time),
        Int64(10, "deletionGracePeriodSeconds", pointer: true),
        Of(11, "labels", ProtoFieldKind.StringMap),
        Of(12, "annotations", ProtoFieldKind.StringMap),
        Messages(13, "ownerReferences", OwnerReference),
        Strings(14, "finalizers"),
        Messages(17, "managedFields", ManagedFieldsEntry));

    public static ProtoMessage LabelSelector { get; } = new(
        "LabelSelector",
        Of(1, "matchLabels", ProtoFieldKind.StringMap),
        Messages(2, "matchExpressions", new ProtoMessage("LabelSelectorRequirement", String(1, "key"), String(2, "operator"), Strings(3, "values"))));

    /// <summary><c>runtime.TypeMeta</c> inside <c>runtime.Unknown</c>: note apiVersion is 1 here (meta/v1 TypeMeta has kind first).</summary>
    public static ProtoMessage RuntimeTypeMeta { get; } = new("TypeMeta", String(1, "apiVersion"), String(2, "kind"));
}
