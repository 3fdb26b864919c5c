// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>One field of a message: wire number, JSON name and mapping.</summary>
/// <param name="Number">Field number from the upstream <c>generated.proto</c>.</param>
/// <param name="JsonName">JSON property name.</param>
/// <param name="Kind">How the value maps onto JSON.</param>
internal sealed record ProtoField(int Number, string JsonName, ProtoFieldKind Kind)
{
    /// <summary>Message type of <see cref="ProtoFieldKind.Message"/> fields.</summary>
    public ProtoMessage? Message { get; init; }

    /// <summary>A <c>repeated</c> field, written as an array.</summary>
    public bool Repeated { get; init; }

    /// <summary>
    /// Go pointer field: present on the wire only when set, so a zero value is meaningful and kept. Non-pointer
    /// scalars are always encoded and their zero values dropped, as Go's <c>omitempty</c> does in JSON.
    /// </summary>
    public bool KeepZero { get; init; }

    /// <summary>An embedded Go struct whose fields JSON inlines into the parent (e.g. <c>LocalObjectReference</c>).</summary>
    public bool Inline { get; init; }
}
