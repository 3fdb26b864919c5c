// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane;

/// <summary>One API request as the fault injector sees it, before it is served.</summary>
/// <param name="Verb">Kubernetes verb.</param>
/// <param name="Resource">Plural resource.</param>
/// <param name="Subresource">Subresource such as <c>status</c>, or null.</param>
/// <param name="Namespace">Namespace, or null for cluster scope or all namespaces.</param>
/// <param name="Name">Object name, or null for collections.</param>
/// <param name="UserAgent">The client's User-Agent header.</param>
public sealed record FaultRequest(string Verb, string Resource, string? Subresource, string? Namespace, string? Name, string UserAgent);
