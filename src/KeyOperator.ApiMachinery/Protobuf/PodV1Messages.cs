// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using static KeyOperator.ApiMachinery.Protobuf.ProtoFields;

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>
/// The subset of k8s.io/api <c>core/v1/generated.proto</c> PodSpec and Container used by
/// <c>kubectl create deployment</c>; numbers 2–24 of PodSpec and 1–20 of Container were also checked
/// against a body captured from kubectl 1.32.4.
/// </summary>
internal static class PodV1Messages
{
    private static readonly ProtoMessage LocalReference = new("LocalObjectReference", String(1, "name"));

    private static readonly ProtoMessage KeySelector = new(
        "KeySelector",
        Inline(1, LocalReference),
        String(2, "key"),
        Bool(3, "optional", pointer: true));

    private static readonly ProtoMessage EnvSource = new("EnvSource", Inline(1, LocalReference), Bool(2, "optional", pointer: true));

    private static readonly ProtoMessage KeyToPath = new("KeyToPath", String(1, "key"), String(2, "path"), Int32(3, "mode", pointer: true));

    public static ProtoMessage ContainerPort { get; } = new(
        "ContainerPort",
        String(1, "name"),
        Int32(2, "hostPort"),
        Int32(3, "containerPort", pointer: true),
        String(4, "protocol"),
        String(5, "hostIP"));

    public static ProtoMessage EnvVar { get; } = new(
        "EnvVar",
        String(1, "name"),
        String(2, "value"),
        Message(3, "valueFrom", new ProtoMessage(
            "EnvVarSource",
            Message(1, "fieldRef", new ProtoMessage("ObjectFieldSelector", String(1, "apiVersion"), String(2, "fieldPath"))),
            Message(2, "resourceFieldRef", new ProtoMessage("ResourceFieldSelector", String(1, "containerName"), String(2, "resource"), Of(3, "divisor", ProtoFieldKind.Quantity))),
            Message(3, "configMapKeyRef", KeySelector),
            Message(4, "secretKeyRef", KeySelector))));

    public static ProtoMessage Container { get; } = new(
        "Container",
        String(1, "name"),
        String(2, "image"),
        Strings(3, "command"),
        Strings(4, "args"),
        String(5, "workingDir"),
        Messages(6, "ports", ContainerPort),
        Messages(19, "envFrom", new ProtoMessage("EnvFromSource", String(1, "prefix"), Message(2, "configMapRef", EnvSource), Message(3, "secretRef", EnvSource))),
        Messages(7, "env", EnvVar),
        Message(8, "resources", new ProtoMessage("ResourceRequirements", Of(1, "limits", ProtoFieldKind.QuantityMap), Of(2, "requests", ProtoFieldKind.QuantityMap))),
        Messages(9, "volumeMounts", new ProtoMessage(
            "VolumeMount",
            String(1, "name"),
            Bool(2, "readOnly"),
            String(3, "mountPath"),
            String(4, "subPath"),
            String(5, "mountPropagation", pointer: true),
            String(6, "subPathExpr"))),
        String(13, "terminationMessagePath"),
        String(20, "terminationMessagePolicy"),
        String(14, "imagePullPolicy"),
        String(24, "restartPolicy", pointer: true),
        Bool(16, "stdin"),
        Bool(17, "stdinOnce"),
        Bool(18, "tty"));

    public static ProtoMessage Volume { get; } = new(
        "Volume",
        String(1, "name"),
        Inline(2, new ProtoMessage(
            "VolumeSource",
            Message(2, "emptyDir", new ProtoMessage("EmptyDirVolumeSource", String(1, "medium"), Of(2, "sizeLimit", ProtoFieldKind.Quantity))),
            Message(6, "secret", new ProtoMessage(
                "SecretVolumeSource",
                String(1, "secretName"),
                Messages(2, "items", KeyToPath),
                Int32(3, "defaultMode", pointer: true),
                Bool(4, "optional", pointer: true))),
            Message(19, "configMap", new ProtoMessage(
                "ConfigMapVolumeSource",
                Inline(1, LocalReference),
                Messages(2, "items", KeyToPath),
                Int32(3, "defaultMode", pointer: true),
                Bool(4, "optional", pointer: true))))));

    public static ProtoMessage PodSpec { get; } = new(
        "PodSpec",
        Messages(1, "volumes", Volume),
        Messages(20, "initContainers", Container),
        Messages(2, "containers", Container),
        String(3, "restartPolicy"),
        Int64(4, "terminationGracePeriodSeconds", pointer: true),
        Int64(5, "activeDeadlineSeconds", pointer: true),
        String(6, "dnsPolicy"),
        Of(7, "nodeSelector", ProtoFieldKind.StringMap),
        String(8, "serviceAccountName"),
        String(9, "serviceAccount"),
        Bool(21, "automountServiceAccountToken", pointer: true),
        String(10, "nodeName"),
        Bool(11, "hostNetwork"),
        Bool(12, "hostPID"),
        Bool(13, "hostIPC"),
        Messages(15, "imagePullSecrets", LocalReference),
        String(16, "hostname"),
        String(17, "subdomain"),
        String(19, "schedulerName"),
        Messages(22, "tolerations", new ProtoMessage(
            "Toleration",
            String(1, "key"),
            String(2, "operator"),
            String(3, "value"),
            String(4, "effect"),
            Int64(5, "tolerationSeconds", pointer: true))),
        String(24, "priorityClassName"),
        Int32(25, "priority", pointer: true),
        String(29, "runtimeClassName", pointer: true),
        Bool(30, "enableServiceLinks", pointer: true));
}
