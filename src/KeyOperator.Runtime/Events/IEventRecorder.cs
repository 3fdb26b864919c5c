// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Events;

/// <summary>Records events about objects. Never blocks and never throws: an event is history, not part of the reconcile.</summary>
public interface IEventRecorder
{
    /// <summary>Queues an event; it may be combined with similar ones or dropped by the spam filter.</summary>
    /// <param name="regarding">The object.</param>
    /// <param name="type"><see cref="EventTypes.Normal"/> or <see cref="EventTypes.Warning"/>.</param>
    /// <param name="reason">CamelCase reason, specific ("KeyRotated", not "Done").</param>
    /// <param name="action">CamelCase action, for example "Rotate".</param>
    /// <param name="note">Human-readable note; never secret values.</param>
    void Record(ObjectReference regarding, string type, string reason, string action, string note);
}
