// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using k8s;
using k8s.Models;
using KeyOperator.Runtime.Events;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>Writes the runtime's aggregated events as events.k8s.io/v1 Events through the library's EventsV1 operations.</summary>
public sealed class KubernetesEventSink(IKubernetes client) : IEventSink
{
    /// <inheritdoc />
    public async Task CreateAsync(EventRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        Eventsv1Event value = new()
        {
            ApiVersion = "events.k8s.io/v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta { Name = record.Name, NamespaceProperty = record.Namespace },
            EventTime = record.EventTime.UtcDateTime,
            ReportingController = record.ReportingController,
            ReportingInstance = record.ReportingInstance,
            Action = record.Action,
            Reason = record.Reason,
            Note = record.Note,
            Type = record.Type,
            Regarding = new V1ObjectReference
            {
                ApiVersion = record.Regarding.ApiVersion,
                Kind = record.Regarding.Kind,
                NamespaceProperty = record.Regarding.Namespace,
                Name = record.Regarding.Name,
                Uid = record.Regarding.Uid,
            },
            Series = record.Count > 1 ? new Eventsv1EventSeries { Count = record.Count, LastObservedTime = record.LastObservedTime.UtcDateTime } : null,
        };
        await client.EventsV1.CreateNamespacedEventAsync(value, record.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task UpdateSeriesAsync(EventRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        // A merge patch of the series alone; MicroTime wants microseconds, which the library's default date format drops
        // when the fraction is zero, so the string is written here.
        string lastObserved = record.LastObservedTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        string patch = "{\"series\":{\"count\":" + record.Count.ToString(CultureInfo.InvariantCulture) + ",\"lastObservedTime\":\"" + lastObserved + "\"}}";
        await client.EventsV1.PatchNamespacedEventAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), record.Name, record.Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
