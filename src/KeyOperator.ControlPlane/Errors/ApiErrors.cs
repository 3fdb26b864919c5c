// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ControlPlane.Errors;

/// <summary>Factories for the errors a real API server returns, with its exact message formats
/// (apimachinery <c>pkg/api/errors/errors.go</c>).</summary>
internal static class ApiErrors
{
    /// <summary><c>secrets</c> for the core group, <c>widgets.example.com</c> otherwise.</summary>
    public static string GroupResource(string group, string plural) => group.Length == 0 ? plural : plural + "." + group;

    public static string GroupResource(ResourceDescriptor descriptor) => GroupResource(descriptor.Group, descriptor.Plural);

    public static ApiException NotFound(string group, string plural, string name) =>
        new(404, "NotFound", string.Create(CultureInfo.InvariantCulture, $"{GroupResource(group, plural)} \"{name}\" not found"), Details(group, plural, name));

    public static ApiException NotFound(ResourceDescriptor descriptor, string name) => NotFound(descriptor.Group, descriptor.Plural, name);

    public static ApiException AlreadyExists(ResourceDescriptor descriptor, string name) =>
        new(409, "AlreadyExists", $"{GroupResource(descriptor)} \"{name}\" already exists", Details(descriptor.Group, descriptor.Plural, name));

    public static ApiException Conflict(ResourceDescriptor descriptor, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {GroupResource(descriptor)} \"{name}\": {why}", Details(descriptor.Group, descriptor.Plural, name));

    public static ApiException StaleResourceVersion(ResourceDescriptor descriptor, string name) =>
        Conflict(descriptor, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException Invalid(ResourceDescriptor descriptor, string name, IReadOnlyList<FieldError> errors) =>
        Invalid(descriptor.Group, descriptor.Kind, name, errors);

    public static ApiException Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var qualifiedKind = group.Length == 0 ? kind : kind + "." + group;
        var summary = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors) + "]";
        var details = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind };
        var causes = new JsonArray();
        foreach (var error in errors)
        {
            causes.Add((JsonNode)error.ToCause());
        }

        details["causes"] = causes;
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException NotAcceptable(string message) => new(406, "NotAcceptable", message);

    public static ApiException UnsupportedMediaType(string message) => new(415, "UnsupportedMediaType", message);

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException ResourceNotServed() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static ApiException NamespaceTerminating(ResourceDescriptor descriptor, string name, string ns)
    {
        var details = Details(descriptor.Group, descriptor.Plural, name);
        details["causes"] = new JsonArray(new JsonObject
        {
            ["reason"] = "NamespaceTerminating",
            ["message"] = $"namespace {ns} is being terminated",
            ["field"] = "metadata.namespace",
        });
        return new ApiException(403, "Forbidden",
            $"{GroupResource(descriptor)} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", details);
    }

    public static JsonObject Details(string group, string plural, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }

        details["kind"] = plural;
        return details;
    }
}
