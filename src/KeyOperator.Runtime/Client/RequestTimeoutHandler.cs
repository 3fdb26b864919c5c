// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Client;

/// <summary>
/// Bounds every non-watch request, body included, and reports the bound as
/// <see cref="KubernetesRequestTimeoutException"/>. The library's own timeout (100 s by default) cancels the request
/// token, which the caller cannot tell from its own cancellation; the chain turns that one off
/// (<see cref="KubernetesClientFactory"/>) and bounds requests here instead. Watches pass untouched: their length is
/// the server-side <c>timeoutSeconds</c>, and the informer's watchdog covers a silent one.
/// </summary>
public sealed class RequestTimeoutHandler(TimeSpan timeout) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (KubernetesRequests.IsWatch(request))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using CancellationTokenSource bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, bounded.Token).ConfigureAwait(false);

            // The library reads the body after this returns; buffering it here keeps a stalled body inside the bound.
            await response.Content.LoadIntoBufferAsync(bounded.Token).ConfigureAwait(false);
            return response;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KubernetesRequestTimeoutException(
                $"{request.Method} {request.RequestUri?.AbsolutePath} did not complete within {timeout.TotalSeconds:0.###} s", ex);
        }
    }
}
