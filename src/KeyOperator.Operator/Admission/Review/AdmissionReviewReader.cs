// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using KeyOperator.Operator.Admission.Validation;

namespace KeyOperator.Operator.Admission.Review;

/// <summary>
/// Turns a request body into an <see cref="AdmissionRequest"/>, or a reason why it is not an admission.k8s.io/v1
/// AdmissionReview. Only the envelope is strict (without a uid there is nothing to answer); everything inside
/// request is read leniently and judged later, so that a strange object becomes a denial rather than an HTTP error.
/// </summary>
internal static class AdmissionReviewReader
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string ReviewKind = "AdmissionReview";

    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        MaxDepth = 128,
        AllowDuplicateProperties = false,
    };

    public static bool TryRead(ReadOnlySpan<byte> body, out AdmissionRequest? request, out string error)
    {
        request = null;

        // JsonNode decodes strings lazily, so invalid UTF-8 inside a string would only surface later, as an exception.
        if (!Utf8.IsValid(body))
        {
            error = "request body is not valid UTF-8";
            return false;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body, documentOptions: s_documentOptions);
        }
        catch (JsonException)
        {
            error = "request body is not valid JSON";
            return false;
        }

        if (root is not JsonObject review)
        {
            error = "request body is not a JSON object";
            return false;
        }

        string? apiVersion = Text(review["apiVersion"]);
        string? kind = Text(review["kind"]);
        if (apiVersion != ApiVersion || kind != ReviewKind)
        {
            error = $"expected apiVersion {ApiVersion} and kind {ReviewKind}; only {ApiVersion} is served (set admissionReviewVersions: [v1])";
            return false;
        }

        if (review["request"] is not JsonObject requestNode || Text(requestNode["uid"]) is not { Length: > 0 } uid)
        {
            error = "AdmissionReview has no request or no request.uid";
            return false;
        }

        JsonObject? gvk = requestNode["kind"] as JsonObject;
        string operation = Text(requestNode["operation"]) ?? string.Empty;
        request = new AdmissionRequest
        {
            Uid = uid,
            Group = Text(gvk?["group"]) ?? string.Empty,
            Version = Text(gvk?["version"]) ?? string.Empty,
            Kind = Text(gvk?["kind"]) ?? string.Empty,
            Namespace = Text(requestNode["namespace"]) ?? string.Empty,
            Name = Text(requestNode["name"]) ?? string.Empty,
            OperationText = operation,
            Operation = operation switch
            {
                "CREATE" => AdmissionOperation.Create,
                "UPDATE" => AdmissionOperation.Update,
                "DELETE" => AdmissionOperation.Delete,
                "CONNECT" => AdmissionOperation.Connect,
                _ => AdmissionOperation.Unknown,
            },
            DryRun = requestNode["dryRun"] is JsonValue dryRun && dryRun.GetValueKind() == JsonValueKind.True,
            Object = requestNode["object"],
            OldObject = requestNode["oldObject"],
        };
        error = string.Empty;
        return true;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
