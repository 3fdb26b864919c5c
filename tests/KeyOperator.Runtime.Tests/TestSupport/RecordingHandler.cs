// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Tests.TestSupport;

/// <summary>Records informer callbacks as short strings, e.g. "add ns/a 1", "update ns/a 2", "delete ns/a unknown".</summary>
internal sealed class RecordingHandler : IInformerEventHandler<TestObject>
{
    private readonly object _sync = new();
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_sync)
            {
                return [.. _calls];
            }
        }
    }

    public void OnAdd(TestObject obj, bool isInInitialList) => Append($"add {obj.Namespace}/{obj.Name} {obj.ResourceVersion}{(isInInitialList ? " initial" : string.Empty)}");

    public void OnUpdate(TestObject oldObj, TestObject newObj) => Append($"update {newObj.Namespace}/{newObj.Name} {oldObj.ResourceVersion}->{newObj.ResourceVersion}");

    public void OnDelete(TestObject obj, bool finalStateUnknown) => Append($"delete {obj.Namespace}/{obj.Name}{(finalStateUnknown ? " unknown" : string.Empty)}");

    public Task WaitForCountAsync(int count) => Wait.UntilAsync(() => Calls.Count >= count);

    private void Append(string call)
    {
        lock (_sync)
        {
            _calls.Add(call);
        }
    }
}
