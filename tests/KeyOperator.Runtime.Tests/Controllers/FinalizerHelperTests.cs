// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Tests.TestSupport;

namespace KeyOperator.Runtime.Tests.Controllers;

public sealed class FinalizerHelperTests
{
    private const string Finalizer = "keyoperator.io/revoke";

    [Fact]
    public async Task ReconcileAsync_FinalizerMissing_AddedBeforeReconcileRuns()
    {
        var patcher = new RecordingPatcher();
        var helper = new FinalizerHelper<TestObject>(Finalizer, TestObjectAccessor.Instance, patcher);
        var seen = new List<string>();

        var result = await helper.ReconcileAsync(
            new TestObject("ns", "a", "1"),
            (obj, _) =>
            {
                seen.Add($"reconcile finalizers={string.Join(",", obj.Finalizers ?? [])} log={string.Join(";", patcher.Log)}");
                return Task.FromResult(ReconcileResult.Done);
            },
            (_, _) => throw new InvalidOperationException("no cleanup expected"),
            default);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Equal([$"reconcile finalizers={Finalizer} log=add {Finalizer}"], seen);
    }

    [Fact]
    public async Task ReconcileAsync_DeletingWithOurFinalizer_CleansUpThenRemovesOnlyOurKey()
    {
        var patcher = new RecordingPatcher();
        var helper = new FinalizerHelper<TestObject>(Finalizer, TestObjectAccessor.Instance, patcher);
        var deleting = new TestObject("ns", "a", "1") { DeletionTimestamp = DateTimeOffset.UnixEpoch, Finalizers = ["other.io/keep", Finalizer] };

        var result = await helper.ReconcileAsync(
            deleting,
            (_, _) => throw new InvalidOperationException("no new work on a deleting object"),
            (_, _) =>
            {
                patcher.Log.Add("cleanup");
                return Task.FromResult(ReconcileResult.Done);
            },
            default);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Equal(["cleanup", $"remove {Finalizer}"], patcher.Log);
    }

    [Fact]
    public async Task ReconcileAsync_CleanupFails_FinalizerKept()
    {
        var patcher = new RecordingPatcher();
        var helper = new FinalizerHelper<TestObject>(Finalizer, TestObjectAccessor.Instance, patcher);
        var deleting = new TestObject("ns", "a", "1") { DeletionTimestamp = DateTimeOffset.UnixEpoch, Finalizers = [Finalizer] };
        var failure = ReconcileResult.Error(new IOException("revoke failed"));

        var result = await helper.ReconcileAsync(deleting, (_, _) => throw new InvalidOperationException(), (_, _) => Task.FromResult(failure), default);

        Assert.Same(failure, result);
        Assert.Empty(patcher.Log);
    }

    [Fact]
    public async Task ReconcileAsync_DeletingWithoutOurFinalizer_DoesNothing()
    {
        var patcher = new RecordingPatcher();
        var helper = new FinalizerHelper<TestObject>(Finalizer, TestObjectAccessor.Instance, patcher);
        var deleting = new TestObject("ns", "a", "1") { DeletionTimestamp = DateTimeOffset.UnixEpoch, Finalizers = ["other.io/keep"] };

        var result = await helper.ReconcileAsync(deleting, (_, _) => throw new InvalidOperationException(), (_, _) => throw new InvalidOperationException(), default);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Empty(patcher.Log);
    }

    private sealed class RecordingPatcher : IFinalizerPatcher<TestObject>
    {
        public List<string> Log { get; } = [];

        public Task<TestObject> AddFinalizerAsync(TestObject obj, string finalizer, CancellationToken cancellationToken)
        {
            Log.Add($"add {finalizer}");
            return Task.FromResult(obj with { Finalizers = [.. obj.Finalizers ?? [], finalizer] });
        }

        public Task<TestObject?> RemoveFinalizerAsync(TestObject obj, string finalizer, CancellationToken cancellationToken)
        {
            Log.Add($"remove {finalizer}");
            return Task.FromResult<TestObject?>(obj with { Finalizers = [.. (obj.Finalizers ?? []).Where(f => f != finalizer)] });
        }
    }
}
