// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Json;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.Discovery;

/// <summary>
/// Builds the discovery documents kubectl reads from <c>/api</c>, <c>/apis</c>, <c>/api/v1</c> and
/// <c>/apis/&lt;group&gt;/&lt;version&gt;</c>, both aggregated (apidiscovery.k8s.io/v2) and legacy.
/// </summary>
/// <remarks>
/// Groups and versions keep the order in which they first appear in the descriptor list; the first version of
/// a group is its preferred version, as kubectl takes the first entry of <c>versions</c> for that.
/// </remarks>
public static class DiscoveryDocuments
{
    /// <summary>
    /// The exact <c>Content-Type</c> an aggregated discovery response must carry: kubectl picks its parser from it and
    /// silently sees no resources when an aggregated body is labelled plain <c>application/json</c>.
    /// </summary>
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private static readonly string[] StatusVerbs = ["get", "patch", "update"];

    /// <summary>Aggregated discovery for <c>/api</c>: one item for the core group (empty name).</summary>
    /// <param name="resources">All served resources; only core-group ones are used.</param>
    public static JsonObject BuildAggregatedCore(IReadOnlyList<ResourceDescriptor> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return BuildAggregatedList(GroupByGroup(resources, core: true));
    }

    /// <summary>Aggregated discovery for <c>/apis</c>: one item per named group.</summary>
    /// <param name="resources">All served resources; core-group ones are skipped.</param>
    public static JsonObject BuildAggregatedGroups(IReadOnlyList<ResourceDescriptor> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        return BuildAggregatedList(GroupByGroup(resources, core: false));
    }

    /// <summary>Legacy <c>APIVersions</c> for <c>/api</c>.</summary>
    /// <param name="resources">All served resources.</param>
    /// <param name="serverAddress">The <c>host:port</c> clients reach the server at.</param>
    public static JsonObject BuildApiVersions(IReadOnlyList<ResourceDescriptor> resources, string serverAddress)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(serverAddress);
        var versions = resources.Where(r => r.Group.Length == 0).Select(r => r.Version).Distinct(StringComparer.Ordinal);
        return new JsonObject
        {
            ["kind"] = "APIVersions",
            ["versions"] = JsonNodes.Strings(versions.DefaultIfEmpty("v1")),
            ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
        };
    }

    /// <summary>Legacy <c>APIGroupList</c> for <c>/apis</c>.</summary>
    /// <param name="resources">All served resources; core-group ones are skipped.</param>
    public static JsonObject BuildApiGroupList(IReadOnlyList<ResourceDescriptor> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var groups = new JsonArray();
        foreach (var group in GroupByGroup(resources, core: false))
        {
            var versions = new JsonArray();
            foreach (var version in group.Versions)
            {
                versions.Add((JsonNode)GroupVersionForDiscovery(group.Name, version.Name));
            }

            groups.Add((JsonNode)new JsonObject
            {
                ["name"] = group.Name,
                ["versions"] = versions,
                ["preferredVersion"] = GroupVersionForDiscovery(group.Name, group.Versions[0].Name),
            });
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    /// <summary>
    /// Legacy <c>APIResourceList</c> for <c>/api/v1</c> (<paramref name="groupVersion"/> <c>v1</c>) or
    /// <c>/apis/&lt;group&gt;/&lt;version&gt;</c>; null when nothing is served in that group-version (answer 404).
    /// </summary>
    /// <param name="resources">All served resources.</param>
    /// <param name="groupVersion"><c>group/version</c>, or just the version for the core group.</param>
    public static JsonObject? BuildApiResourceList(IReadOnlyList<ResourceDescriptor> resources, string groupVersion)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(groupVersion);
        var list = new JsonArray();
        foreach (var resource in resources.Where(r => string.Equals(r.GroupVersion, groupVersion, StringComparison.Ordinal)))
        {
            var entry = new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Singular,
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = JsonNodes.Strings(resource.Verbs),
            };
            AddNamesAndCategories(entry, resource);
            list.Add((JsonNode)entry);
            if (resource.HasStatusSubresource)
            {
                list.Add((JsonNode)new JsonObject
                {
                    ["name"] = resource.Plural + "/status",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = resource.Namespaced,
                    ["kind"] = resource.Kind,
                    ["verbs"] = JsonNodes.Strings(StatusVerbs),
                });
            }

            foreach (var sub in resource.Subresources)
            {
                // The apiserver names the subresource's own kind and group-version here (serviceaccounts/token is an
                // authentication.k8s.io/v1 TokenRequest), which kubectl needs to pick the right types.
                list.Add((JsonNode)new JsonObject
                {
                    ["name"] = resource.Plural + "/" + sub.Name,
                    ["singularName"] = string.Empty,
                    ["namespaced"] = resource.Namespaced,
                    ["group"] = sub.Group,
                    ["version"] = sub.Version,
                    ["kind"] = sub.Kind,
                    ["verbs"] = JsonNodes.Strings(sub.Verbs),
                });
            }
        }

        if (list.Count == 0)
        {
            return null;
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = groupVersion,
            ["resources"] = list,
        };
    }

    private static JsonObject BuildAggregatedList(IEnumerable<DiscoveryGroup> groups)
    {
        var items = new JsonArray();
        foreach (var group in groups)
        {
            var versions = new JsonArray();
            foreach (var version in group.Versions)
            {
                var entries = new JsonArray();
                foreach (var resource in version.Resources)
                {
                    entries.Add((JsonNode)AggregatedResource(resource));
                }

                versions.Add((JsonNode)new JsonObject { ["version"] = version.Name, ["resources"] = entries, ["freshness"] = "Current" });
            }

            items.Add((JsonNode)new JsonObject { ["metadata"] = new JsonObject { ["name"] = group.Name }, ["versions"] = versions });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static JsonObject AggregatedResource(ResourceDescriptor resource)
    {
        // responseKind and scope are required by kubectl: without them the resource is dropped or mis-scoped.
        var entry = new JsonObject
        {
            ["resource"] = resource.Plural,
            ["responseKind"] = JsonNodes.GroupVersionKind(resource.Group, resource.Version, resource.Kind),
            ["scope"] = resource.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = resource.Singular,
            ["verbs"] = JsonNodes.Strings(resource.Verbs),
        };
        AddNamesAndCategories(entry, resource);
        var subresources = new JsonArray();
        if (resource.HasStatusSubresource)
        {
            subresources.Add((JsonNode)new JsonObject
            {
                ["subresource"] = "status",
                ["responseKind"] = JsonNodes.GroupVersionKind(resource.Group, resource.Version, resource.Kind),
                ["verbs"] = JsonNodes.Strings(StatusVerbs),
            });
        }

        foreach (var sub in resource.Subresources)
        {
            subresources.Add((JsonNode)new JsonObject
            {
                ["subresource"] = sub.Name,
                ["responseKind"] = JsonNodes.GroupVersionKind(sub.Group, sub.Version, sub.Kind),
                ["verbs"] = JsonNodes.Strings(sub.Verbs),
            });
        }

        if (subresources.Count > 0)
        {
            entry["subresources"] = subresources;
        }

        return entry;
    }

    private static void AddNamesAndCategories(JsonObject entry, ResourceDescriptor resource)
    {
        if (resource.ShortNames.Count > 0)
        {
            entry["shortNames"] = JsonNodes.Strings(resource.ShortNames);
        }

        if (resource.Categories.Count > 0)
        {
            entry["categories"] = JsonNodes.Strings(resource.Categories);
        }
    }

    private static JsonObject GroupVersionForDiscovery(string group, string version) =>
        new() { ["groupVersion"] = group + "/" + version, ["version"] = version };

    private static List<DiscoveryGroup> GroupByGroup(IReadOnlyList<ResourceDescriptor> resources, bool core)
    {
        var groups = new List<DiscoveryGroup>();
        foreach (var resource in resources)
        {
            if ((resource.Group.Length == 0) != core)
            {
                continue;
            }

            var group = groups.Find(g => string.Equals(g.Name, resource.Group, StringComparison.Ordinal));
            if (group is null)
            {
                group = new DiscoveryGroup(resource.Group);
                groups.Add(group);
            }

            group.Add(resource);
        }

        return groups;
    }
}
