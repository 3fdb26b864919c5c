// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.OpenApi;

/// <summary>
/// The OpenAPI v3 documents served under <c>/openapi/v3</c>: the root index and one document per group-version.
/// Build once per change of the served resources (for example when a CRD is created), then serve the cached text.
/// </summary>
/// <remarks>
/// kubectl requires these for <c>apply</c>/<c>create -f</c> with the default strict validation (it looks for a PATCH
/// operation of the kind with a <c>fieldValidation</c> parameter) and for <c>explain</c>. The hash in each URL
/// changes with the document, so clients may cache a document forever under its URL.
/// </remarks>
public sealed class OpenApiV3Documents
{
    /// <summary>
    /// <c>Cache-Control</c> for group-version documents (send an <c>Expires</c> a year ahead too): kubectl then serves
    /// them from its HTTP cache, keyed by the URL with its content hash. The root must not be cached this way.
    /// </summary>
    public const string GroupVersionCacheControl = "public, immutable, max-age=31536000";

    private readonly Dictionary<string, OpenApiGroupVersionDocument> _documents;

    private OpenApiV3Documents(Dictionary<string, OpenApiGroupVersionDocument> documents, string rootJson)
    {
        _documents = documents;
        RootJson = rootJson;
    }

    /// <summary>The root document: <c>{"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=…"},…}}</c>.</summary>
    public string RootJson { get; }

    /// <summary>All group-version documents, in the order their first resource was given.</summary>
    public IReadOnlyCollection<OpenApiGroupVersionDocument> GroupVersions => _documents.Values;

    /// <summary>Builds the root and every group-version document.</summary>
    /// <param name="resources">All served resources.</param>
    /// <param name="advertiseStrategicMergeForBuiltIns">
    /// List <c>application/strategic-merge-patch+json</c> on PATCH of built-in kinds. Off by default: the hand-written
    /// built-in schemas are partial, and kubectl computes strategic patches for built-ins from its own types anyway.
    /// Never listed for custom resources.
    /// </param>
    public static OpenApiV3Documents Build(IReadOnlyList<ResourceDescriptor> resources, bool advertiseStrategicMergeForBuiltIns = false)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var documents = new Dictionary<string, OpenApiGroupVersionDocument>(StringComparer.Ordinal);
        var rootPaths = new JsonObject();
        foreach (var group in resources.GroupBy(r => OpenApiNames.GroupVersionKey(r.Group, r.Version), StringComparer.Ordinal))
        {
            var json = OpenApiGroupVersionBuilder.Build(group.Key, group, advertiseStrategicMergeForBuiltIns).ToJsonString();
            var document = new OpenApiGroupVersionDocument
            {
                Key = group.Key,
                Json = json,
                Hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
            };
            documents.Add(group.Key, document);
            rootPaths[group.Key] = new JsonObject { ["serverRelativeURL"] = document.ServerRelativeUrl };
        }

        return new OpenApiV3Documents(documents, new JsonObject { ["paths"] = rootPaths }.ToJsonString());
    }

    /// <summary>Finds a group-version document by the request path after <c>/openapi/v3/</c>.</summary>
    /// <param name="key"><c>api/v1</c> or <c>apis/&lt;group&gt;/&lt;version&gt;</c>; a leading slash is ignored.</param>
    /// <returns>The document, or null (answer 404).</returns>
    public OpenApiGroupVersionDocument? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _documents.GetValueOrDefault(key.TrimStart('/'));
    }
}
