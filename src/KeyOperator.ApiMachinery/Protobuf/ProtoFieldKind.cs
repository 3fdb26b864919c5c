// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>How a protobuf field maps onto JSON.</summary>
internal enum ProtoFieldKind
{
    /// <summary>UTF-8 string.</summary>
    String,

    /// <summary>Bytes, written as base64 like Go's <c>[]byte</c>.</summary>
    Bytes,

    /// <summary>A <c>FieldsV1</c> message (field 1: JSON text), written as that JSON.</summary>
    RawJson,

    /// <summary>Signed 32-bit varint.</summary>
    Int32,

    /// <summary>Signed 64-bit varint.</summary>
    Int64,

    /// <summary>Boolean varint.</summary>
    Bool,

    /// <summary>Nested message, written as an object.</summary>
    Message,

    /// <summary><c>map&lt;string,string&gt;</c>.</summary>
    StringMap,

    /// <summary><c>map&lt;string,bytes&gt;</c>, values written as base64.</summary>
    BytesMap,

    /// <summary><c>map&lt;string,Quantity&gt;</c>, values written as quantity strings.</summary>
    QuantityMap,

    /// <summary><c>meta/v1 Time</c> (Timestamp message), written as RFC 3339 with seconds.</summary>
    Time,

    /// <summary><c>meta/v1 MicroTime</c>, written as RFC 3339 with 6 fractional digits.</summary>
    MicroTime,

    /// <summary><c>intstr.IntOrString</c> {1 type, 2 intVal, 3 strVal}, written as a number or a string.</summary>
    IntOrString,

    /// <summary><c>resource.Quantity</c> {1 string}, written as the string.</summary>
    Quantity,
}
