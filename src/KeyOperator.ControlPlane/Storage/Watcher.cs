// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace KeyOperator.ControlPlane.Storage;

/// <summary>One open watch: a filter and the queue of events that passed it.</summary>
internal sealed class Watcher(ResourceKey key, string? ns, Func<JsonObject, bool> matches)
{
    // Not SingleReader: only the multi-reader channel supports Count, which bookmarks need.
    private readonly Channel<WatchItem> _channel = Channel.CreateUnbounded<WatchItem>(new UnboundedChannelOptions { SingleReader = false });

    public ResourceKey Key { get; } = key;

    public ChannelReader<WatchItem> Reader => _channel.Reader;

    /// <summary>Offers a change to this watcher, translating selector transitions the way the apiserver's cacher does.</summary>
    public void Offer(StoredEvent change)
    {
        if (change.Key != Key || (ns is not null && change.Namespace != ns))
        {
            return;
        }

        var nowMatches = matches(change.Object);
        var wasMatching = change.Previous is not null && matches(change.Previous);
        string? type = change.Type switch
        {
            "ADDED" => nowMatches ? "ADDED" : null,
            "DELETED" => nowMatches ? "DELETED" : null,
            _ when nowMatches && wasMatching => "MODIFIED",
            _ when nowMatches => "ADDED",
            _ when wasMatching => "DELETED",
            _ => null,
        };
        if (type is not null)
        {
            _channel.Writer.TryWrite(new WatchItem(type, change.Object, change.ResourceVersion));
        }
    }

    public void Enqueue(WatchItem item) => _channel.Writer.TryWrite(item);

    public void Close(JsonObject? errorStatus)
    {
        if (errorStatus is not null)
        {
            _channel.Writer.TryWrite(new WatchItem("ERROR", errorStatus, 0));
        }

        _channel.Writer.TryComplete();
    }
}
