// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Hooks;
using KeyOperator.ControlPlane.Json;
using Microsoft.AspNetCore.Http;

namespace KeyOperator.ControlPlane.Http;

/// <summary>Reads request bodies as JSON nodes: JSON, YAML (<c>application/yaml</c>, apply patches) or protobuf
/// (through <see cref="IProtobufDecoder"/>).</summary>
internal sealed class BodyReader(IProtobufDecoder? protobuf)
{
    public const string ProtobufContentType = "application/vnd.kubernetes.protobuf";

    public static string MediaType(HttpContext context) =>
        (context.Request.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();

    public async Task<JsonNode?> ReadAsync(HttpContext context, bool allowEmpty)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var bytes = buffer.ToArray();
        if (bytes.Length == 0 || bytes.All(b => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
        {
            return allowEmpty ? null : throw ApiErrors.BadRequest("the request body is empty");
        }

        var mediaType = MediaType(context);
        if (mediaType == ProtobufContentType)
        {
            return protobuf?.Decode(bytes) ?? throw ApiErrors.UnsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (mediaType is "application/yaml" or "application/apply-patch+yaml" or "application/x-yaml" or "text/yaml")
        {
            try
            {
                return YamlToJson.Parse(text);
            }
            catch (FormatException ex)
            {
                throw ApiErrors.BadRequest(ex.Message);
            }
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw ApiErrors.BadRequest("the object provided is unrecognized: " + ex.Message);
        }
    }

    public async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await ReadAsync(context, allowEmpty: false).ConfigureAwait(false) as JsonObject
        ?? throw ApiErrors.BadRequest("the object provided is unrecognized: the body must be a JSON object");
}
