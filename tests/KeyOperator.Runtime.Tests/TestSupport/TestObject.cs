// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Tests.TestSupport;

/// <summary>An immutable stand-in for a Kubernetes object.</summary>
internal sealed record TestObject(string? Namespace, string Name, string ResourceVersion)
{
    public string Uid { get; init; } = $"uid-{Namespace}-{Name}";

    public long Generation { get; init; } = 1;

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public IReadOnlyList<OwnerInfo> Owners { get; init; } = [];

    public DateTimeOffset? DeletionTimestamp { get; init; }
}
