// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>Terse factories for the message tables. <c>pointer</c> marks Go pointer fields (zero values kept).</summary>
internal static class ProtoFields
{
    public static ProtoField String(int number, string name, bool pointer = false) => new(number, name, ProtoFieldKind.String) { KeepZero = pointer };

    public static ProtoField Strings(int number, string name) => new(number, name, ProtoFieldKind.String) { Repeated = true };

    public static ProtoField Int32(int number, string name, bool pointer = false) => new(number, name, ProtoFieldKind.Int32) { KeepZero = pointer };

    public static ProtoField Int64(int number, string name, bool pointer = false) => new(number, name, ProtoFieldKind.Int64) { KeepZero = pointer };

    public static ProtoField Bool(int number, string name, bool pointer = false) => new(number, name, ProtoFieldKind.Bool) { KeepZero = pointer };

    public static ProtoField Message(int number, string name, ProtoMessage message) => new(number, name, ProtoFieldKind.Message) { Message = message };

    public static ProtoField Messages(int number, string name, ProtoMessage message) => new(number, name, ProtoFieldKind.Message) { Message = message, Repeated = true };

    public static ProtoField Inline(int number, ProtoMessage message) => new(number, message.Name, ProtoFieldKind.Message) { Message = message, Inline = true };

    public static ProtoField Of(int number, string name, ProtoFieldKind kind) => new(number, name, kind);
}
