// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes;

/// <summary>
/// One completed HTTP attempt (every retry counts), for <c>rest_client_requests_total{code,method}</c>-style metrics.
/// Carries no names, namespaces or bodies, so it is safe as metric labels.
/// </summary>
/// <param name="Verb">Kubernetes verb: get, list, watch, create, update, patch, apply or delete.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Resource">Resource, as <c>plural.group</c> (<c>secrets</c> for the core group).</param>
/// <param name="StatusCode">HTTP status code, or null when no response arrived (connection fault, timeout).</param>
/// <param name="Duration">Time to response headers (for watches: until the stream opened).</param>
public sealed record KubernetesRequestMetric(string Verb, string Method, string Resource, int? StatusCode, TimeSpan Duration);
