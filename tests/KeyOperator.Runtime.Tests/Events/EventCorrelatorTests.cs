// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Events;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Runtime.Tests.Events;

public sealed class EventCorrelatorTests
{
    private static readonly ObjectReference s_key = new("keyoperator.io/v1", "ApiKey", "ns", "key", "uid-1");

    [Fact]
    public void Correlate_SameEventRepeated_SeriesCountGrowsUnderOneName()
    {
        var correlator = new EventCorrelator(new EventRecorderOptions(), new FakeTimeProvider());

        var first = correlator.Correlate(s_key, EventTypes.Normal, "KeyRotated", "Rotate", "rotated", out var firstIsUpdate);
        var second = correlator.Correlate(s_key, EventTypes.Normal, "KeyRotated", "Rotate", "rotated", out var secondIsUpdate);

        Assert.False(firstIsUpdate);
        Assert.True(secondIsUpdate);
        Assert.Equal(first!.Name, second!.Name);
        Assert.Equal(2, second.Count);
        Assert.StartsWith("key.", first.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Correlate_SpamBurstExceeded_DroppedUntilATokenRefills()
    {
        var time = new FakeTimeProvider();
        var correlator = new EventCorrelator(new EventRecorderOptions(), time);

        var written = Enumerable.Range(0, 30).Count(i => correlator.Correlate(s_key, EventTypes.Warning, "ProviderDown", "Rotate", "down", out _) is not null);

        Assert.Equal(25, written);
        time.Advance(TimeSpan.FromSeconds(299));
        Assert.Null(correlator.Correlate(s_key, EventTypes.Warning, "ProviderDown", "Rotate", "down", out _));
        time.Advance(TimeSpan.FromSeconds(1));
        var after = correlator.Correlate(s_key, EventTypes.Warning, "ProviderDown", "Rotate", "down", out _);
        Assert.NotNull(after);
        Assert.Equal(32, after.Count);
    }

    [Fact]
    public void Correlate_SpamFilter_IsPerObjectReasonAndMessage()
    {
        var correlator = new EventCorrelator(new EventRecorderOptions(), new FakeTimeProvider());
        for (var i = 0; i < 25; i++)
        {
            correlator.Correlate(s_key, EventTypes.Warning, "ProviderDown", "Rotate", "down", out _);
        }

        Assert.NotNull(correlator.Correlate(s_key with { Name = "other" }, EventTypes.Warning, "ProviderDown", "Rotate", "down", out _));
        Assert.NotNull(correlator.Correlate(s_key, EventTypes.Warning, "OtherReason", "Rotate", "down", out _));
    }

    [Fact]
    public void Correlate_TenDistinctMessagesWithinInterval_Combined()
    {
        var time = new FakeTimeProvider();
        var correlator = new EventCorrelator(new EventRecorderOptions(), time);

        var notes = Enumerable.Range(0, 11).Select(i => correlator.Correlate(s_key, EventTypes.Warning, "SyncFailed", "Sync", $"attempt {i}", out _)!.Note).ToArray();

        Assert.All(notes.Take(9), static n => Assert.DoesNotContain("combined", n, StringComparison.Ordinal));
        Assert.Equal("(combined from similar events): attempt 9", notes[9]);
        Assert.Equal("(combined from similar events): attempt 10", notes[10]);
    }

    [Fact]
    public void Correlate_DistinctMessagesSpreadBeyondInterval_NotCombined()
    {
        var time = new FakeTimeProvider();
        var correlator = new EventCorrelator(new EventRecorderOptions(), time);

        for (var i = 0; i < 20; i++)
        {
            var note = correlator.Correlate(s_key, EventTypes.Warning, "SyncFailed", "Sync", $"attempt {i}", out _)!.Note;
            Assert.Equal($"attempt {i}", note);
            time.Advance(TimeSpan.FromSeconds(601));
        }
    }
}
