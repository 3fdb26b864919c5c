// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Webhooks;

/// <summary>The <c>clientConfig.service</c> of a webhook, handed to
/// <see cref="LocalControlPlaneOptions.WebhookServiceResolver"/> because there is no cluster network to route it.</summary>
/// <param name="Namespace">The service's namespace.</param>
/// <param name="Name">The service's name.</param>
/// <param name="Port">The service port (443 when the reference leaves it out).</param>
public sealed record WebhookServiceReference(string Namespace, string Name, int Port);
