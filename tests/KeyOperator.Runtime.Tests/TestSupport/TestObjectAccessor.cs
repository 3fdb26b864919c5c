// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Tests.TestSupport;

internal sealed class TestObjectAccessor : IObjectAccessor<TestObject>
{
    public static TestObjectAccessor Instance { get; } = new();

    public string? GetNamespace(TestObject obj) => obj.Namespace;

    public string GetName(TestObject obj) => obj.Name;

    public string? GetUid(TestObject obj) => obj.Uid;

    public string? GetResourceVersion(TestObject obj) => obj.ResourceVersion;

    public long? GetGeneration(TestObject obj) => obj.Generation;

    public DateTimeOffset? GetDeletionTimestamp(TestObject obj) => obj.DeletionTimestamp;

    public IReadOnlyDictionary<string, string>? GetLabels(TestObject obj) => obj.Labels;

    public IEnumerable<OwnerInfo> GetOwners(TestObject obj) => obj.Owners;
}
