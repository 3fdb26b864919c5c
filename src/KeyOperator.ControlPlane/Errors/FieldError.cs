// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Errors;

/// <summary>One field-level cause, rendered as apimachinery's <c>field.Error</c> would render it.</summary>
/// <param name="Reason">Cause type such as <c>FieldValueRequired</c>.</param>
/// <param name="Field">Dotted path such as <c>spec.size</c>.</param>
/// <param name="Message">Message without the field prefix, such as <c>Required value</c>.</param>
internal sealed record FieldError(string Reason, string Field, string Message)
{
    public JsonObject ToCause() => new()
    {
        ["reason"] = Reason,
        ["message"] = Message,
        ["field"] = Field,
    };

    public override string ToString() => Field.Length == 0 ? Message : Field + ": " + Message;
}
