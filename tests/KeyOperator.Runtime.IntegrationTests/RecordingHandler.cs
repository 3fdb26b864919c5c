// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Models;
using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>Records every informer notification for later assertions.</summary>
internal sealed class RecordingHandler : IInformerEventHandler<ConfigMap>
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

    public void OnAdd(ConfigMap obj, bool isInInitialList) => Record("add", obj, isInInitialList);

    public void OnUpdate(ConfigMap oldObj, ConfigMap newObj) => Record("update", newObj, false);

    public void OnDelete(ConfigMap obj, bool finalStateUnknown) => Record("delete", obj, finalStateUnknown);

    private void Record(string kind, ConfigMap obj, bool flag)
    {
        lock (_sync)
        {
            _events.Add(new RecordedEvent(kind, obj.Metadata.Name!, flag, obj.Data?.GetValueOrDefault("value")));
        }
    }
}
