// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Api;
using KeyOperator.ControlPlane.Storage;
using KeyOperator.ControlPlane.Tables;
using Microsoft.AspNetCore.Http;

namespace KeyOperator.ControlPlane.Http;

/// <summary>
/// Streams a watch as chunked, newline-delimited <c>{"type","object"}</c> events (what Go's json.Encoder writes),
/// with periodic BOOKMARKs when asked, until <c>timeoutSeconds</c>, the client leaves or the server closes the watch.
/// </summary>
internal sealed class WatchStreamer(ObjectReader reader, ObjectStore store, TableRenderer tables, TimeProvider timeProvider, TimeSpan bookmarkInterval)
{
    public async Task StreamAsync(HttpContext context, ResourceDescriptor descriptor, Watcher watcher, bool bookmarks, TimeSpan? timeout, bool asTable, bool asMetadata = false)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = asTable ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json";
        await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
        await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);

        using var timeoutSource = timeout is { } t ? new CancellationTokenSource(t, timeProvider) : new CancellationTokenSource();
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, timeoutSource.Token);

        var lastVersion = 0L;
        try
        {
            while (!lifetime.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
                var waitForData = watcher.Reader.WaitToReadAsync(tick.Token).AsTask();
                var bookmarkDelay = bookmarks ? Task.Delay(bookmarkInterval, timeProvider, tick.Token) : Task.Delay(Timeout.Infinite, tick.Token);
                var first = await Task.WhenAny(waitForData, bookmarkDelay).ConfigureAwait(false);
                await tick.CancelAsync().ConfigureAwait(false);
                if (first == waitForData)
                {
                    if (!waitForData.IsCompletedSuccessfully || !waitForData.Result)
                    {
                        break;
                    }

                    while (watcher.Reader.TryRead(out var item))
                    {
                        lastVersion = Math.Max(lastVersion, item.ResourceVersion);
                        await WriteAsync(response, item.Type, Render(descriptor, item, asTable, asMetadata), lifetime.Token).ConfigureAwait(false);
                    }
                }
                else if (bookmarkDelay.IsCompletedSuccessfully)
                {
                    await WriteBookmarkAsync(response, descriptor, watcher, lastVersion, lifetime.Token).ConfigureAwait(false);
                }
            }

            if (bookmarks && !context.RequestAborted.IsCancellationRequested && timeout is not null)
            {
                await WriteBookmarkAsync(response, descriptor, watcher, lastVersion, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Timeout or client gone: ending the stream is the normal way a watch finishes.
        }
        catch (IOException)
        {
            // The client closed the connection.
        }
        finally
        {
            reader.CloseWatch(watcher);
        }
    }

    public static async Task StreamErrorAsync(HttpContext context, JsonObject status)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await WriteAsync(context.Response, "ERROR", status, context.RequestAborted).ConfigureAwait(false);
    }

    private JsonObject Render(ResourceDescriptor descriptor, WatchItem item, bool asTable, bool asMetadata)
    {
        if (item.Type == "ERROR")
        {
            return item.Object;
        }

        var obj = ObjectViews.Present(descriptor, item.Object);
        return asTable ? tables.Render(descriptor, [obj], obj["metadata"]?["resourceVersion"]?.ToString(), null)
            : asMetadata ? PartialObjectMetadata.Of(obj)
            : obj;
    }

    private async Task WriteBookmarkAsync(HttpResponse response, ResourceDescriptor descriptor, Watcher watcher, long lastVersion, CancellationToken cancellationToken)
    {
        // A bookmark may only claim versions this stream has fully delivered: the store's current version is safe when
        // nothing is queued for this watcher at that instant and the watcher is still attached. Once the server has
        // closed it (CloseAllWatches, shutdown), writes after the close never reach its queue, so only the last version
        // actually sent may be claimed – otherwise a client resuming from the bookmark would miss those writes.
        long version;
        lock (store.Sync)
        {
            version = watcher.Reader.Count == 0 && !watcher.Reader.Completion.IsCompleted ? store.CurrentResourceVersion : lastVersion;
        }

        if (version == 0)
        {
            return;
        }

        var bookmark = new JsonObject
        {
            ["kind"] = descriptor.Kind,
            ["apiVersion"] = descriptor.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
        };
        await WriteAsync(response, "BOOKMARK", bookmark, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpResponse response, string type, JsonObject obj, CancellationToken cancellationToken)
    {
        var line = "{\"type\":\"" + type + "\",\"object\":" + obj.ToJsonString() + "}\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
