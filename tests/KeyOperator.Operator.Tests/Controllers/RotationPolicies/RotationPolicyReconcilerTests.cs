// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.Controllers.RotationPolicies;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Operator.Tests.Controllers.Fakes;
using KeyOperator.Runtime.Conditions;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Operator.Tests.Controllers.RotationPolicies;

/// <summary>The RotationPolicy reconciler against a recording status port.</summary>
public sealed class RotationPolicyReconcilerTests
{
    private readonly RecordingPolicyStatusWriter _writer = new();
    private readonly RotationPolicyReconciler _reconciler;

    public RotationPolicyReconcilerTests() =>
        _reconciler = new RotationPolicyReconciler(_writer, new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("0 3 * * *", "Europe/Berlin", "True")]
    [InlineData("0 3 * * *", "Mars/Olympus", "False")]
    [InlineData("61 * * * *", null, "False")]
    public async Task ReconcileAsync_Policy_WritesReadyWithTheVerdict(string cron, string? zone, string ready)
    {
        RotationPolicy policy = Policy(cron, zone);

        await _reconciler.ReconcileAsync(new ReconcileRequest<RotationPolicy>(new QueueKey("team", "p"), policy), CancellationToken.None);

        RotationPolicyStatus status = Assert.Single(_writer.Written);
        Assert.Equal(ready, Conditions.StatusOf(status.Conditions, ConditionTypes.Ready));
        Assert.Equal(3, status.ObservedGeneration);
    }

    [Fact]
    public async Task ReconcileAsync_StatusAlreadyCurrent_WritesNothing()
    {
        RotationPolicy policy = Policy("0 3 * * *", null);
        await _reconciler.ReconcileAsync(new ReconcileRequest<RotationPolicy>(new QueueKey("team", "p"), policy), CancellationToken.None);

        await _reconciler.ReconcileAsync(new ReconcileRequest<RotationPolicy>(new QueueKey("team", "p"), policy with { Status = _writer.Written[0] }), CancellationToken.None);

        Assert.Single(_writer.Written);
    }

    private static RotationPolicy Policy(string cron, string? zone) => new()
    {
        Metadata = new V1ObjectMeta { Name = "p", NamespaceProperty = "team", Generation = 3, ResourceVersion = "7" },
        Spec = new RotationPolicySpec { Schedule = new RotationScheduleSpec { Cron = cron, TimeZone = zone } },
    };
}
