// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Webhooks;

/// <summary>One <c>rules[]</c> entry of a webhook (admissionregistration/v1 RuleWithOperations), matched as
/// <c>k8s.io/apiserver/pkg/admission/plugin/webhook/predicates/rules/rules.go</c> does.</summary>
internal sealed record WebhookRule(
    IReadOnlyList<string> Operations, IReadOnlyList<string> ApiGroups, IReadOnlyList<string> ApiVersions, IReadOnlyList<string> Resources, string Scope)
{
    public static WebhookRule Parse(JsonObject rule) => new(
        Strings(rule, "operations"), Strings(rule, "apiGroups"), Strings(rule, "apiVersions"), Strings(rule, "resources"), rule.GetString("scope") ?? "*");

    /// <param name="operation">CREATE, UPDATE, DELETE or CONNECT.</param>
    /// <param name="group">The group of the resource being matched.</param>
    /// <param name="version">Its version.</param>
    /// <param name="resource">Its plural.</param>
    /// <param name="subresource">The subresource, or empty.</param>
    /// <param name="namespaced">Whether the request is namespaced; a Namespace object counts as cluster-scoped.</param>
    public bool Matches(string operation, string group, string version, string resource, string subresource, bool namespaced) =>
        Operations.Any(o => o == "*" || o == operation)
        && ApiGroups.Any(g => g == "*" || g == group)
        && ApiVersions.Any(v => v == "*" || v == version)
        && Resources.Any(r => MatchesResource(r, resource, subresource))
        && Scope switch
        {
            "Namespaced" => namespaced,
            "Cluster" => !namespaced,
            _ => true,
        };

    private static bool MatchesResource(string pattern, string resource, string subresource)
    {
        // "apikeys" matches only the main resource, "apikeys/status" the subresource, "*/*" everything.
        var slash = pattern.IndexOf('/', StringComparison.Ordinal);
        var (res, sub) = slash < 0 ? (pattern, string.Empty) : (pattern[..slash], pattern[(slash + 1)..]);
        return (res == "*" || res == resource) && (sub == "*" || sub == subresource);
    }

    private static string[] Strings(JsonObject rule, string property) => rule.GetArray(property).Strings().ToArray();
}
