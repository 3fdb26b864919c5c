// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// The static defaults of core/v1 Service (kubernetes <c>pkg/apis/core/v1/defaults.go</c> SetDefaults_Service), so
/// reads and <c>kubectl describe</c> look like a cluster's. Nothing is allocated: no clusterIP(s), ipFamilies,
/// ipFamilyPolicy or nodePorts.
/// </summary>
internal static class ServiceDefaults
{
    public static void Apply(JsonObject service)
    {
        if (service["spec"] is not JsonObject spec)
        {
            spec = new JsonObject();
            service["spec"] = spec;
        }

        spec["sessionAffinity"] ??= "None";
        spec["type"] ??= "ClusterIP";
        var type = spec["type"].AsString();
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            port["protocol"] ??= "TCP";
            if (port["targetPort"] is null || IsZero(port["targetPort"]))
            {
                port["targetPort"] = port["port"]?.DeepClone();
            }
        }

        if (type is not "ExternalName")
        {
            spec["internalTrafficPolicy"] ??= "Cluster";
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            spec["externalTrafficPolicy"] ??= "Cluster";
        }
    }

    private static bool IsZero(JsonNode? value) =>
        value is JsonValue v && (v.TryGetValue<int>(out var number) ? number == 0 : v.TryGetValue<string>(out var text) && text.Length == 0);
}
