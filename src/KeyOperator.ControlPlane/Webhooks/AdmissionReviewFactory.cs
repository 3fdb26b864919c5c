// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Hooks;

namespace KeyOperator.ControlPlane.Webhooks;

/// <summary>Builds the admission.k8s.io/v1 AdmissionReview the apiserver sends
/// (<c>k8s.io/apiserver/pkg/admission/plugin/webhook/request/admissionreview.go</c>).</summary>
internal static class AdmissionReviewFactory
{
    /// <summary>Every request is made by the local control plane's single (admin) identity.</summary>
    public const string Username = "keyop-local-admin";

    /// <param name="request">The write being admitted.</param>
    /// <param name="matched">The resource version the webhook's rules matched (differs from the request's own under
    /// matchPolicy Equivalent; the objects are then presented in that version).</param>
    /// <param name="uid">The request uid the response must echo.</param>
    public static JsonObject Build(AdmissionAttributes request, ResourceDescriptor matched, string uid)
    {
        var requested = request.Descriptor;
        var body = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = Kind(matched),
            ["resource"] = Resource(matched),
        };
        if (!string.IsNullOrEmpty(request.Subresource))
        {
            body["subResource"] = request.Subresource;
        }

        body["requestKind"] = Kind(requested);
        body["requestResource"] = Resource(requested);
        if (!string.IsNullOrEmpty(request.Subresource))
        {
            body["requestSubResource"] = request.Subresource;
        }

        body["name"] = request.Name;
        if (request.Namespace is not null)
        {
            body["namespace"] = request.Namespace;
        }

        body["operation"] = request.Operation;
        body["userInfo"] = new JsonObject
        {
            ["username"] = Username,
            ["groups"] = new JsonArray("system:masters", "system:authenticated"),
        };
        body["object"] = Present(request.Object, matched);
        body["oldObject"] = Present(request.OldObject, matched);
        body["dryRun"] = request.DryRun;
        body["options"] = Options(request);
        return new JsonObject
        {
            ["kind"] = "AdmissionReview",
            ["apiVersion"] = "admission.k8s.io/v1",
            ["request"] = body,
        };
    }

    private static JsonObject Kind(ResourceDescriptor descriptor) =>
        new() { ["group"] = descriptor.Group, ["version"] = descriptor.Version, ["kind"] = descriptor.Kind };

    private static JsonObject Resource(ResourceDescriptor descriptor) =>
        new() { ["group"] = descriptor.Group, ["version"] = descriptor.Version, ["resource"] = descriptor.Plural };

    private static JsonObject? Present(JsonObject? obj, ResourceDescriptor matched)
    {
        if (obj is null)
        {
            return null;
        }

        // All versions share one storage with conversion strategy None, so presenting another version is a relabel.
        var copy = obj.DeepClone().AsObject();
        copy["apiVersion"] = matched.GroupVersion;
        return copy;
    }

    private static JsonObject Options(AdmissionAttributes request)
    {
        var options = new JsonObject
        {
            ["kind"] = request.Operation switch
            {
                "CREATE" => "CreateOptions",
                "DELETE" => "DeleteOptions",
                _ => "UpdateOptions",
            },
            ["apiVersion"] = "meta.k8s.io/v1",
        };
        if (request.DryRun)
        {
            options["dryRun"] = new JsonArray("All");
        }

        if (request.Operation != "DELETE" && !string.IsNullOrEmpty(request.FieldManager))
        {
            options["fieldManager"] = request.FieldManager;
        }

        return options;
    }
}
