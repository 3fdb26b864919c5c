// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ControlPlane.Errors;

namespace KeyOperator.ControlPlane.Webhooks;

/// <summary>What one webhook call decided: the warnings it returned and, when it refused the write, the error.</summary>
internal sealed record WebhookOutcome(IReadOnlyList<string> Warnings, ApiException? Error)
{
    public static WebhookOutcome Allowed { get; } = new([], null);
}
