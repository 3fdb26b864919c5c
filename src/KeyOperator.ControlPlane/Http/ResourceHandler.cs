// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Api;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Tables;
using Microsoft.AspNetCore.Http;

namespace KeyOperator.ControlPlane.Http;

/// <summary>Serves the verbs on one resource path: get, list, watch, create, update, patch, delete, deletecollection.</summary>
internal sealed class ResourceHandler(ObjectApi api, BodyReader bodies, TableRenderer tables, WatchStreamer watches)
{
    /// <summary>The Kubernetes verb of a request, used for routing and fault matching.</summary>
    public static string Verb(HttpContext context, ResourceRequest request) => context.Request.Method switch
    {
        "GET" when request.Name is null => QueryParser.IsTrue(context.Request.Query, "watch") ? "watch" : "list",
        "GET" => "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" when request.Name is null => "deletecollection",
        "DELETE" => "delete",
        _ => context.Request.Method.ToLowerInvariant(),
    };

    public async Task HandleAsync(HttpContext context, ResourceRequest request, ResourceDescriptor descriptor, string verb)
    {
        if (descriptor.Namespaced != (request.Namespace is not null) && request.Name is not null && verb is not ("list" or "watch"))
        {
            throw ApiErrors.ResourceNotServed();
        }

        if (request.Subresource is not null && !(request.Subresource == "status" && descriptor.HasStatusSubresource))
        {
            throw ApiErrors.ResourceNotServed();
        }

        if ((!descriptor.Namespaced && request.Namespace is not null) || (descriptor.Namespaced && request.Namespace is null && verb is "create" or "deletecollection"))
        {
            throw ApiErrors.ResourceNotServed();
        }

        var ct = context.RequestAborted;
        var ns = request.Namespace;
        var accept = context.Request.Headers.Accept.ToString();
        switch (verb)
        {
            case "get":
            {
                var obj = ObjectViews.Present(descriptor, api.Reader.Get(descriptor, ns, request.Name!));
                if (!TableRenderer.Wants(accept) && PartialObjectMetadata.Wants(accept))
                {
                    await ResponseWriter.WriteJsonAsync(context, 200, PartialObjectMetadata.Of(obj)).ConfigureAwait(false);
                    break;
                }

                await WriteObjectAsync(context, 200, descriptor, obj, TableRenderer.Wants(accept)).ConfigureAwait(false);
                break;
            }

            case "list":
            {
                var list = api.Reader.List(descriptor, ns, QueryParser.ListOptions(context.Request.Query, descriptor.BuiltIn));
                if (TableRenderer.Wants(accept))
                {
                    var metadata = list["metadata"]!;
                    var table = tables.Render(descriptor, list["items"]!.AsArray().OfType<JsonObject>(), metadata["resourceVersion"]?.ToString(), metadata["continue"]?.ToString());
                    await ResponseWriter.WriteJsonAsync(context, 200, table).ConfigureAwait(false);
                }
                else if (PartialObjectMetadata.Wants(accept))
                {
                    await ResponseWriter.WriteJsonAsync(context, 200, PartialObjectMetadata.List(list)).ConfigureAwait(false);
                }
                else
                {
                    await ResponseWriter.WriteJsonAsync(context, 200, list).ConfigureAwait(false);
                }

                break;
            }

            case "watch":
            {
                var query = context.Request.Query;
                Storage.Watcher watcher;
                try
                {
                    watcher = api.Reader.OpenWatch(descriptor, ns, QueryParser.ListOptions(query, descriptor.BuiltIn));
                }
                catch (ApiException expired) when (expired.Code == 410)
                {
                    // The watch cache answers a too-old resourceVersion with 200 and a single ERROR event.
                    await WatchStreamer.StreamErrorAsync(context, expired.ToStatus()).ConfigureAwait(false);
                    break;
                }

                TimeSpan? timeout = long.TryParse(query["timeoutSeconds"].ToString(), System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                    ? TimeSpan.FromSeconds(seconds)
                    : null;
                await watches.StreamAsync(context, descriptor, watcher, QueryParser.IsTrue(query, "allowWatchBookmarks"), timeout, TableRenderer.Wants(accept), PartialObjectMetadata.Wants(accept)).ConfigureAwait(false);
                break;
            }

            case "create":
            {
                var options = QueryParser.WriteOptions(context);
                var body = await bodies.ReadObjectAsync(context).ConfigureAwait(false);
                var created = await WarnAlwaysAsync(context, options, DecodeErrorsAsync(descriptor, api.Writer.CreateAsync(descriptor, ns, body, options, ct))).ConfigureAwait(false);
                ResponseWriter.AddWarnings(context, options.Warnings);
                await WriteObjectAsync(context, 201, descriptor, ObjectViews.Present(descriptor, created), false).ConfigureAwait(false);
                break;
            }

            case "update":
            {
                var options = QueryParser.WriteOptions(context);
                var body = await bodies.ReadObjectAsync(context).ConfigureAwait(false);
                var updated = await WarnAlwaysAsync(context, options, DecodeErrorsAsync(descriptor, api.Writer.UpdateAsync(descriptor, ns, request.Name!, request.Subresource, body, options, ct))).ConfigureAwait(false);
                ResponseWriter.AddWarnings(context, options.Warnings);
                await WriteObjectAsync(context, 200, descriptor, ObjectViews.Present(descriptor, updated), false).ConfigureAwait(false);
                break;
            }

            case "patch":
            {
                var options = QueryParser.WriteOptions(context);
                var patchType = BodyReader.MediaType(context);
                if (patchType is not (PatchTypes.Json or PatchTypes.Merge or PatchTypes.Strategic or PatchTypes.Apply))
                {
                    throw ApiErrors.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {PatchTypes.Accepted(descriptor)}");
                }

                if (patchType == PatchTypes.Strategic && !descriptor.BuiltIn)
                {
                    throw ApiErrors.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: {PatchTypes.Accepted(descriptor)}");
                }

                var patch = await bodies.ReadAsync(context, allowEmpty: false).ConfigureAwait(false);
                var (patched, created) = await WarnAlwaysAsync(context, options, api.Writer.PatchAsync(descriptor, ns, request.Name!, request.Subresource, patchType, patch!, options, ct)).ConfigureAwait(false);
                ResponseWriter.AddWarnings(context, options.Warnings);
                await WriteObjectAsync(context, created ? 201 : 200, descriptor, ObjectViews.Present(descriptor, patched), false).ConfigureAwait(false);
                break;
            }

            case "delete":
            {
                var body = await bodies.ReadAsync(context, allowEmpty: true).ConfigureAwait(false);
                var warnings = new List<string>();
                JsonObject deleted;
                try
                {
                    deleted = await api.Deleter.DeleteAsync(descriptor, ns, request.Name!, QueryParser.DeleteOptions(context.Request.Query, body), warnings, ct).ConfigureAwait(false);
                }
                finally
                {
                    ResponseWriter.AddWarnings(context, warnings);
                }

                if (ReturnsStatusOnDelete(descriptor) && deleted["metadata"]?["deletionTimestamp"] is null)
                {
                    // Like the apiserver's generic store without ReturnDeletedObject: an immediate delete of a built-in
                    // answers Status Success; custom resources and pending deletions answer the object.
                    var details = ApiErrors.Details(descriptor.Group, descriptor.Plural, request.Name!);
                    details["uid"] = deleted["metadata"]?["uid"]?.DeepClone();
                    await ResponseWriter.WriteJsonAsync(context, 200, StatusFactory.Success(details)).ConfigureAwait(false);
                }
                else
                {
                    await WriteObjectAsync(context, 200, descriptor, ObjectViews.Present(descriptor, deleted), false).ConfigureAwait(false);
                }

                break;
            }

            case "deletecollection":
            {
                var body = await bodies.ReadAsync(context, allowEmpty: true).ConfigureAwait(false);
                var result = api.Deleter.DeleteCollection(descriptor, ns, QueryParser.ListOptions(context.Request.Query, descriptor.BuiltIn), QueryParser.DeleteOptions(context.Request.Query, body));
                await ResponseWriter.WriteJsonAsync(context, 200, result).ConfigureAwait(false);
                break;
            }

            default:
                throw ApiErrors.MethodNotAllowed($"the server does not allow this method on the requested resource");
        }
    }

    /// <summary>Warnings reach the client on failures too (a webhook may warn and deny), as the apiserver's warning
    /// recorder writes headers before the status.</summary>
    private static async Task<T> WarnAlwaysAsync<T>(HttpContext context, RequestOptions options, Task<T> write)
    {
        try
        {
            return await write.ConfigureAwait(false);
        }
        catch (ApiException)
        {
            ResponseWriter.AddWarnings(context, options.Warnings);
            throw;
        }
    }

    /// <summary>Create and update decode the body into the kind, so the apiserver (<c>handlers/create.go</c>
    /// transformDecodeError) names the kind in strict decoding errors:
    /// <c>Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.foo"</c>.</summary>
    private static async Task<T> DecodeErrorsAsync<T>(ResourceDescriptor descriptor, Task<T> write)
    {
        try
        {
            return await write.ConfigureAwait(false);
        }
        catch (ApiException ex) when (ex.Code == 400 && ex.Message.StartsWith("strict decoding error: ", StringComparison.Ordinal))
        {
            throw ApiErrors.BadRequest($"{descriptor.Kind} in version \"{descriptor.Version}\" cannot be handled as a {descriptor.Kind}: {ex.Message}");
        }
    }

    private static bool ReturnsStatusOnDelete(ResourceDescriptor descriptor) =>
        descriptor.BuiltIn && !(descriptor.Group.Length == 0 && descriptor.Plural == "namespaces") && descriptor.Group != "apiextensions.k8s.io";

    private async Task WriteObjectAsync(HttpContext context, int code, ResourceDescriptor descriptor, JsonObject obj, bool asTable)
    {
        if (asTable)
        {
            var table = tables.Render(descriptor, [obj], obj["metadata"]?["resourceVersion"]?.ToString(), null);
            await ResponseWriter.WriteJsonAsync(context, code, table).ConfigureAwait(false);
            return;
        }

        await ResponseWriter.WriteJsonAsync(context, code, obj).ConfigureAwait(false);
    }
}
