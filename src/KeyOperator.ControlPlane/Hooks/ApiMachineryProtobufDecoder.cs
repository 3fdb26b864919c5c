// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Protobuf;
using KeyOperator.ControlPlane.Errors;

namespace KeyOperator.ControlPlane.Hooks;

/// <summary>Protobuf request bodies (kubectl 1.32's <c>create namespace|configmap|secret…</c>) decoded by KeyOperator.ApiMachinery.</summary>
internal sealed class ApiMachineryProtobufDecoder : IProtobufDecoder
{
    public JsonObject? Decode(ReadOnlyMemory<byte> body)
    {
        try
        {
            return KubernetesProtobuf.Decode(body.Span);
        }
        catch (FormatException ex)
        {
            throw ApiErrors.BadRequest("the object provided is unrecognized: " + ex.Message);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
