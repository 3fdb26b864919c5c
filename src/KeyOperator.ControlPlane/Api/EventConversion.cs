// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ControlPlane.Api;

/// <summary>
/// core/v1 Events and events.k8s.io/v1 Events are one stored resource seen through two field layouts; this renames
/// between them (kubernetes <c>pkg/apis/events/v1/conversion.go</c>). Objects are stored in the layout of the API that
/// last wrote them and converted on the way out.
/// </summary>
internal static class EventConversion
{
    private static readonly (string EventsV1, string Core)[] s_renames =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ];

    public static bool IsEventsV1(ResourceDescriptor descriptor) => descriptor.Group == "events.k8s.io" && descriptor.Plural == "events";

    public static bool IsCoreEvents(ResourceDescriptor descriptor) => descriptor.Group.Length == 0 && descriptor.Plural == "events";

    /// <summary>Converts <paramref name="obj"/> (in place) to the layout <paramref name="descriptor"/> serves.</summary>
    public static void ToLayoutOf(ResourceDescriptor descriptor, JsonObject obj)
    {
        var storedAsEventsV1 = obj["apiVersion"]?.ToString() == "events.k8s.io/v1";
        if (IsEventsV1(descriptor) && !storedAsEventsV1)
        {
            Rename(obj, toEventsV1: true);
        }
        else if (IsCoreEvents(descriptor) && storedAsEventsV1)
        {
            Rename(obj, toEventsV1: false);
        }
    }

    private static void Rename(JsonObject obj, bool toEventsV1)
    {
        foreach (var (eventsV1, core) in s_renames)
        {
            var (from, to) = toEventsV1 ? (core, eventsV1) : (eventsV1, core);
            if (obj.Remove(from, out var value))
            {
                obj[to] = value;
            }
        }
    }
}
