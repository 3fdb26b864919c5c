// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Hooks;

/// <summary>Decodes a <c>application/vnd.kubernetes.protobuf</c> request body (the <c>k8s\0</c> envelope) of a
/// built-in kind into JSON. Without one, protobuf bodies are answered with 415.</summary>
internal interface IProtobufDecoder
{
    /// <summary>Returns the object, or null when the kind is not supported.</summary>
    JsonObject? Decode(ReadOnlyMemory<byte> body);
}
