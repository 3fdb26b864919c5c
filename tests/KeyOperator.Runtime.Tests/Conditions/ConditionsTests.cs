// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Conditions;

namespace KeyOperator.Runtime.Tests.Conditions;

public sealed class ConditionsTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_t1 = s_t0.AddMinutes(5);

    [Fact]
    public void Set_NewCondition_AddedWithTransitionTimeAndGeneration()
    {
        var list = KeyOperator.Runtime.Conditions.Conditions.Set(null, ConditionTypes.Ready, ConditionStatus.False, ConditionReasons.Pending, "waiting", 3, s_t0);

        var ready = Assert.Single(list);
        Assert.Equal(s_t0, ready.LastTransitionTime);
        Assert.Equal(3, ready.ObservedGeneration);
        Assert.Equal(ConditionReasons.Pending, ready.Reason);
    }

    [Fact]
    public void Set_SameStatusNewReason_KeepsTransitionTimeUpdatesRest()
    {
        var list = KeyOperator.Runtime.Conditions.Conditions.Set(null, "Ready", "False", "Pending", "a", 1, s_t0);

        list = KeyOperator.Runtime.Conditions.Conditions.Set(list, "Ready", "False", "ReconcileFailed", "b", 2, s_t1);

        var ready = Assert.Single(list);
        Assert.Equal(s_t0, ready.LastTransitionTime);
        Assert.Equal(("ReconcileFailed", "b", 2L), (ready.Reason, ready.Message, ready.ObservedGeneration!.Value));
    }

    [Fact]
    public void Set_StatusFlips_TransitionTimeMoves()
    {
        var list = KeyOperator.Runtime.Conditions.Conditions.Set(null, "Ready", "False", "Pending", null, 1, s_t0);

        list = KeyOperator.Runtime.Conditions.Conditions.Set(list, "Ready", "True", "Reconciled", null, 1, s_t1);

        Assert.Equal(s_t1, Assert.Single(list).LastTransitionTime);
        Assert.True(KeyOperator.Runtime.Conditions.Conditions.IsTrue(list, "Ready"));
    }

    [Fact]
    public void Set_NothingChanged_ReturnsSameInstance()
    {
        var list = KeyOperator.Runtime.Conditions.Conditions.Set(null, "Ready", "True", "Reconciled", "ok", 1, s_t0);

        var again = KeyOperator.Runtime.Conditions.Conditions.Set(list, "Ready", "True", "Reconciled", "ok", 1, s_t1);

        Assert.Same(list, again);
    }

    [Fact]
    public void Set_OtherTypes_KeptInOrder()
    {
        var list = KeyOperator.Runtime.Conditions.Conditions.Set(null, "A", "True", "R", null, 1, s_t0);
        list = KeyOperator.Runtime.Conditions.Conditions.Set(list, "B", "True", "R", null, 1, s_t0);

        list = KeyOperator.Runtime.Conditions.Conditions.Set(list, "A", "False", "R2", null, 2, s_t1);

        Assert.Equal(["A", "B"], list.Select(static c => c.Type));
        Assert.Equal(s_t0, KeyOperator.Runtime.Conditions.Conditions.Find(list, "B")!.LastTransitionTime);
    }

    [Fact]
    public void StatusOf_Missing_IsUnknown()
    {
        Assert.Equal(ConditionStatus.Unknown, KeyOperator.Runtime.Conditions.Conditions.StatusOf(null, "Ready"));
    }

    [Fact]
    public void Remove_ExistingType_Removed_MissingType_SameInstance()
    {
        var list = KeyOperator.Runtime.Conditions.Conditions.Set(null, "A", "True", "R", null, 1, s_t0);

        Assert.Empty(KeyOperator.Runtime.Conditions.Conditions.Remove(list, "A"));
        Assert.Same(list, KeyOperator.Runtime.Conditions.Conditions.Remove(list, "B"));
    }
}
