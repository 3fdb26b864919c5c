// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Events;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>Records events instead of sending them.</summary>
internal sealed class RecordingEventRecorder : IEventRecorder
{
    public List<(string Type, string Reason, string Note)> Events { get; } = [];

    public void Record(ObjectReference regarding, string type, string reason, string action, string note) => Events.Add((type, reason, note));
}
