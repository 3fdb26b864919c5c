// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>Workloads reduced to what a restart touches; every patch is recorded.</summary>
internal sealed class InMemoryWorkloadPatcher(ObjectVersions versions) : IWorkloadPatcher
{
    private readonly Dictionary<(string, RestartTarget), WorkloadState> _items = [];

    public List<(RestartTarget Target, string Value)> Patches { get; } = [];

    public void Add(string @namespace, RestartTarget target) => _items[(@namespace, target)] = new WorkloadState(versions.Next(), null);

    public Task<WorkloadState?> GetAsync(string @namespace, RestartTarget target, CancellationToken cancellationToken) =>
        Task.FromResult(_items.GetValueOrDefault((@namespace, target)));

    public Task PatchRestartAnnotationAsync(string @namespace, RestartTarget target, string? resourceVersion, string value, CancellationToken cancellationToken)
    {
        WorkloadState current = _items.GetValueOrDefault((@namespace, target)) ?? throw ApiErrors.NotFound($"{target.Kind} \"{target.Name}\"");
        if (resourceVersion is not null && resourceVersion != current.ResourceVersion)
        {
            throw ApiErrors.Conflict($"{target.Kind} \"{target.Name}\"");
        }

        _items[(@namespace, target)] = new WorkloadState(versions.Next(), value);
        Patches.Add((target, value));
        return Task.CompletedTask;
    }
}
