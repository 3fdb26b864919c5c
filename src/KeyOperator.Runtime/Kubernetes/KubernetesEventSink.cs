// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Runtime.Events;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>Writes the runtime's aggregated events as events.k8s.io/v1 Events.</summary>
public sealed class KubernetesEventSink(IKubernetesClient client) : IEventSink
{
    /// <inheritdoc />
    public async Task CreateAsync(EventRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        Event value = new()
        {
            Metadata = new ObjectMeta { Name = record.Name, Namespace = record.Namespace },
            EventTime = record.EventTime,
            ReportingController = record.ReportingController,
            ReportingInstance = record.ReportingInstance,
            Action = record.Action,
            Reason = record.Reason,
            Note = record.Note,
            Type = record.Type,
            Regarding = new global::KeyOperator.Kubernetes.Models.ObjectReference
            {
                ApiVersion = record.Regarding.ApiVersion,
                Kind = record.Regarding.Kind,
                Namespace = record.Regarding.Namespace,
                Name = record.Regarding.Name,
                Uid = record.Regarding.Uid,
            },
            Series = record.Count > 1 ? new EventSeries { Count = record.Count, LastObservedTime = record.LastObservedTime } : null,
        };
        await client.CreateAsync(ResourceType.Events, value, KubernetesJsonContext.Default.Event, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task UpdateSeriesAsync(EventRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        JsonObject patch = new()
        {
            ["series"] = new JsonObject
            {
                ["count"] = record.Count,
                ["lastObservedTime"] = record.LastObservedTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        await client.PatchAsync(ResourceType.Events, record.Namespace, record.Name, KubernetesPatch.Merge(patch), KubernetesJsonContext.Default.Event, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
