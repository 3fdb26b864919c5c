// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>Records every informer notification for later assertions.</summary>
internal sealed class RecordingHandler : IInformerEventHandler<V1ConfigMap>
{
    private readonly Lock _sync = new();
    private readonly List<RecordedEvent> _events = [];

    public IReadOnlyList<RecordedEvent> Events
    {
        get
        {
            lock (_sync)
            {
                return [.. _events];
            }
        }
    }

    public bool Has(string kind, string name) => Events.Any(e => e.Kind == kind && e.Name == name);

    public void OnAdd(V1ConfigMap obj, bool isInInitialList) => Record("add", obj, isInInitialList);

    public void OnUpdate(V1ConfigMap oldObj, V1ConfigMap newObj) => Record("update", newObj, false);

    public void OnDelete(V1ConfigMap obj, bool finalStateUnknown) => Record("delete", obj, finalStateUnknown);

    private void Record(string kind, V1ConfigMap obj, bool flag)
    {
        lock (_sync)
        {
            _events.Add(new RecordedEvent(kind, obj.Metadata.Name, flag, obj.Data is { } data && data.TryGetValue("value", out var value) ? value : null));
        }
    }
}
