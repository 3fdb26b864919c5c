// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>The read verbs: get, list (with selectors and paging) and watch registration. Reads take the storage lock
/// only to see one consistent state; they never change it.</summary>
internal sealed class ObjectReader(ObjectStore store)
{
    private const string ContinueExpiredMessage =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.";

    public JsonObject Get(ResourceDescriptor descriptor, string? ns, string name)
    {
        lock (store.Sync)
        {
            return store.Get(StorageKeys.Of(descriptor), ns, name) ?? throw ApiErrors.NotFound(descriptor, name);
        }
    }

    /// <summary>Lists objects. Items keep their kind/apiVersion (what a real server does for custom resources; harmless
    /// for built-ins). Paging reads the live state after the last returned key, so later pages are not a snapshot.</summary>
    public JsonObject List(ResourceDescriptor descriptor, string? ns, ListOptions options)
    {
        lock (store.Sync)
        {
            var listVersion = store.CurrentResourceVersion;
            string? after = null;
            if (!string.IsNullOrEmpty(options.Continue))
            {
                (listVersion, after) = DecodeContinue(options.Continue);
                if (store.IsCompacted(listVersion))
                {
                    throw ApiErrors.Expired(ContinueExpiredMessage);
                }
            }

            var matching = store.List(StorageKeys.Of(descriptor), ns)
                .Where(o => after is null || string.CompareOrdinal(PathKey(o), after) > 0)
                .Select(o => (Stored: o, View: ObjectViews.Present(descriptor, o)))
                .Where(p => options.LabelSelector.Matches(p.View) && options.FieldSelector.Matches(p.View))
                .ToList();
            var items = new JsonArray();
            var listMetadata = new JsonObject { ["resourceVersion"] = listVersion.ToString(CultureInfo.InvariantCulture) };
            var take = options.Limit is > 0 ? Math.Min(options.Limit.Value, matching.Count) : matching.Count;
            foreach (var (_, view) in matching.Take(take))
            {
                items.Add((JsonNode)view);
            }

            if (take < matching.Count)
            {
                listMetadata["continue"] = EncodeContinue(listVersion, PathKey(matching[take - 1].Stored));
                listMetadata["remainingItemCount"] = matching.Count - take;
            }

            return new JsonObject
            {
                ["kind"] = descriptor.ListKind,
                ["apiVersion"] = descriptor.GroupVersion,
                ["metadata"] = listMetadata,
                ["items"] = items,
            };
        }
    }

    /// <summary>Opens a watch; a resourceVersion unset or "0" starts with synthetic ADDED events.</summary>
    public Watcher OpenWatch(ResourceDescriptor descriptor, string? ns, ListOptions options)
    {
        bool Matches(JsonObject o)
        {
            var view = EventConversion.IsEventsV1(descriptor) || EventConversion.IsCoreEvents(descriptor) ? ObjectViews.Present(descriptor, o) : o;
            return options.LabelSelector.Matches(view) && options.FieldSelector.Matches(view);
        }

        var watcher = new Watcher(StorageKeys.Of(descriptor), ns, Matches);
        lock (store.Sync)
        {
            long? from = string.IsNullOrEmpty(options.ResourceVersion) || options.ResourceVersion == "0"
                ? null
                : ParseResourceVersion(options.ResourceVersion, "resource version");
            var initial = from is null
                ? store.List(StorageKeys.Of(descriptor), ns).Where(Matches).ToList()
                : [];
            store.AddWatcher(watcher, from, initial);
        }

        return watcher;
    }

    public void CloseWatch(Watcher watcher)
    {
        lock (store.Sync)
        {
            store.RemoveWatcher(watcher);
        }
    }

    private static string PathKey(JsonObject obj) =>
        (obj["metadata"].GetString("namespace") ?? string.Empty) + "/" + obj["metadata"].GetString("name");

    private static string EncodeContinue(long resourceVersion, string after)
    {
        var token = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = after };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(token.ToJsonString()));
    }

    private static (long ResourceVersion, string After) DecodeContinue(string token)
    {
        try
        {
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            if (node?["rv"].AsLong() is { } rv && node.GetString("start") is { } start)
            {
                return (rv, start);
            }
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            // Fall through to the apiserver's error.
        }

        throw ApiErrors.BadRequest("continue key is not valid: invalid continue token");
    }

    private static long ParseResourceVersion(string? text, string what)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw ApiErrors.BadRequest($"invalid {what}: \"{text}\"");
        }

        return value;
    }
}
