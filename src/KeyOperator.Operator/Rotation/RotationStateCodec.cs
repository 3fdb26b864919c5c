// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.Operator.Serialization;

namespace KeyOperator.Operator.Rotation;

/// <summary>Converts <see cref="RotationState"/> to and from the opaque <c>status.rotation</c> object.</summary>
internal static class RotationStateCodec
{
    /// <summary>The JSON object to store in status.rotation.</summary>
    public static JsonObject ToJson(RotationState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return JsonSerializer.SerializeToNode(state, OperatorJsonContext.Default.RotationState)!.AsObject();
    }

    /// <summary>The state stored in status.rotation; null when absent or unreadable (treated as no rotation in progress).</summary>
    public static RotationState? FromJson(JsonObject? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return json.Deserialize(OperatorJsonContext.Default.RotationState);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
