// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Autorest;

namespace KeyOperator.Runtime.Kubernetes;

/// <summary>
/// One of the library's generated list operations (for example
/// <c>(c, ct) =&gt; client.CoreV1.ListSecretForAllNamespacesWithHttpMessagesAsync(labelSelector: c.LabelSelector, …, watch: c.Watch, cancellationToken: ct)</c>),
/// called for each page of a LIST.
/// </summary>
/// <typeparam name="TList">The list model, such as <c>V1SecretList</c>.</typeparam>
/// <param name="call">The query.</param>
/// <param name="cancellationToken">Cancels the request.</param>
/// <returns>The response.</returns>
public delegate Task<HttpOperationResponse<TList>> ListOperation<TList>(ListWatchCall call, CancellationToken cancellationToken);
