// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.Operator.Tests.Admission.Fakes;

/// <summary>Builds AdmissionReview bodies the way the apiserver sends them.</summary>
internal static class Reviews
{
    public static JsonObject ApiKey(string spec, string name = "k1", string ns = "team-a") => Object("ApiKey", spec, name, ns);

    public static JsonObject RotationPolicy(string spec, string name = "p1", string ns = "team-a") => Object("RotationPolicy", spec, name, ns);

    public static JsonObject Object(string kind, string spec, string name, string ns) => new()
    {
        ["apiVersion"] = "keyoperator.io/v1alpha1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = JsonNode.Parse(spec),
    };

    public static JsonObject Review(JsonObject obj, string operation = "CREATE", JsonObject? oldObject = null, bool dryRun = false, string uid = "7f3a-uid")
    {
        string kind = (string)obj["kind"]!;
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = new JsonObject { ["group"] = "keyoperator.io", ["version"] = "v1alpha1", ["kind"] = kind },
                ["resource"] = new JsonObject { ["group"] = "keyoperator.io", ["version"] = "v1alpha1", ["resource"] = kind.ToLowerInvariant() + "s" },
                ["name"] = (string?)obj["metadata"]?["name"],
                ["namespace"] = (string?)obj["metadata"]?["namespace"],
                ["operation"] = operation,
                ["userInfo"] = new JsonObject { ["username"] = "kubernetes-admin" },
                ["object"] = obj,
                ["oldObject"] = oldObject,
                ["dryRun"] = dryRun,
            },
        };
    }
}
