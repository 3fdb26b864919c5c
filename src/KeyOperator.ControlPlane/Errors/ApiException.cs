// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Errors;

/// <summary>A request failure that is answered with a meta/v1 Status body.</summary>
internal sealed class ApiException(int code, string reason, string message, JsonObject? details = null, int? retryAfterSeconds = null)
    : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    public JsonObject ToStatus() => StatusFactory.Failure(Code, Reason, Message, Details?.DeepClone().AsObject());
}
