// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>One handler call: "add", "update" or "delete", the object name, and the flag that came with it
/// (isInInitialList for adds, finalStateUnknown for deletes).</summary>
internal sealed record RecordedEvent(string Kind, string Name, bool Flag, string? Value);
