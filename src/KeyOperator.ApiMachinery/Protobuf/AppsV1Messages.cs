// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using static KeyOperator.ApiMachinery.Protobuf.ProtoFields;

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>
/// k8s.io/api <c>apps/v1/generated.proto</c> Deployment; DeploymentSpec 1–5 and 7 and DeploymentStatus 1–5 and 7
/// were also checked against a body captured from <c>kubectl create deployment</c> 1.32.4.
/// </summary>
internal static class AppsV1Messages
{
    public static ProtoMessage Deployment { get; } = new(
        "Deployment",
        Message(1, "metadata", MetaV1Messages.ObjectMeta),
        Message(2, "spec", new ProtoMessage(
            "DeploymentSpec",
            Int32(1, "replicas", pointer: true),
            Message(2, "selector", MetaV1Messages.LabelSelector),
            Message(3, "template", CoreV1Messages.PodTemplateSpec),
            Message(4, "strategy", new ProtoMessage(
                "DeploymentStrategy",
                String(1, "type"),
                Message(2, "rollingUpdate", new ProtoMessage(
                    "RollingUpdateDeployment",
                    Of(1, "maxUnavailable", ProtoFieldKind.IntOrString),
                    Of(2, "maxSurge", ProtoFieldKind.IntOrString))))),
            Int32(5, "minReadySeconds"),
            Int32(6, "revisionHistoryLimit", pointer: true),
            Bool(7, "paused"),
            Int32(9, "progressDeadlineSeconds", pointer: true))),
        Message(3, "status", new ProtoMessage(
            "DeploymentStatus",
            Int64(1, "observedGeneration"),
            Int32(2, "replicas"),
            Int32(3, "updatedReplicas"),
            Int32(7, "readyReplicas"),
            Int32(4, "availableReplicas"),
            Int32(5, "unavailableReplicas"),
            Messages(6, "conditions", new ProtoMessage(
                "DeploymentCondition",
                String(1, "type"),
                String(2, "status"),
                Of(6, "lastUpdateTime", ProtoFieldKind.Time),
                Of(7, "lastTransitionTime", ProtoFieldKind.Time),
                String(4, "reason"),
                String(5, "message"))),
            Int32(8, "collisionCount", pointer: true))));
}
