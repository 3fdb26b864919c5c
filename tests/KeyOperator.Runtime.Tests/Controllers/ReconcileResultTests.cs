// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Controllers;

namespace KeyOperator.Runtime.Tests.Controllers;

public sealed class ReconcileResultTests
{
    [Fact]
    public void Factories_SetOutcomeDelayAndException()
    {
        var error = new InvalidOperationException("x");

        Assert.Equal(ReconcileOutcome.Done, ReconcileResult.Done.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(3), ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(3)).Delay);
        Assert.Same(error, ReconcileResult.Error(error).Exception);
        Assert.Equal(ReconcileOutcome.Error, ReconcileResult.Error(error).Outcome);
    }

    [Fact]
    public void RequeueAfter_NegativeDelay_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(-1)));
    }
}
