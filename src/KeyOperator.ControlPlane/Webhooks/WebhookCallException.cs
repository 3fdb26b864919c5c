// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Webhooks;

/// <summary>A webhook could not be called or answered nonsense (upstream <c>webhookutil.ErrCallingWebhook</c>);
/// failurePolicy decides whether the write goes on. The message is the reason, never request content.</summary>
internal sealed class WebhookCallException(string reason) : Exception(reason);
