// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Crds;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Schema;

namespace KeyOperator.ControlPlane.Api;

/// <summary>Normalisation, schema handling and validation shared by every write (the apiserver's decoding and
/// strategy validation); stateless, so create, update and apply share it.</summary>
internal static partial class WriteValidation
{
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    /// <summary>Checks and fills apiVersion and kind.</summary>
    public static void NormalizeTypeMeta(ResourceDescriptor descriptor, JsonObject obj)
    {
        var apiVersion = obj.GetString("apiVersion");
        var kind = obj.GetString("kind");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != descriptor.GroupVersion)
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({descriptor.GroupVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != descriptor.Kind)
        {
            throw ApiErrors.BadRequest($"{kind} in version \"{descriptor.Version}\" cannot be handled as a {descriptor.Kind}: the kind in the data does not match the expected kind");
        }

        obj["apiVersion"] = descriptor.GroupVersion;
        obj["kind"] = descriptor.Kind;
    }

    public static void ApplyNamespace(ResourceDescriptor descriptor, JsonObject obj, string? ns)
    {
        var metadata = obj.Metadata();
        if (!descriptor.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        var given = metadata.GetString("namespace");
        if (!string.IsNullOrEmpty(given) && given != ns)
        {
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = ns;
    }

    public static List<FieldError> ValidateName(ResourceDescriptor descriptor, string name)
    {
        var errors = new List<FieldError>();
        var isLabel = descriptor.Group.Length == 0 && descriptor.Plural == "namespaces";
        var valid = isLabel
            ? name.Length <= 63 && LabelRegex().IsMatch(name)
            : name.Length <= 253 && SubdomainRegex().IsMatch(name);
        if (!valid && descriptor.Plural != "events")
        {
            errors.Add(new FieldError("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": {(isLabel ? LabelMessage : SubdomainMessage)}"));
        }

        return errors;
    }

    /// <summary>Prunes, defaults and validates a custom resource; validates CRDs; throws 400/422 as the apiserver would.</summary>
    public static void ValidateObject(ResourceDescriptor descriptor, JsonObject candidate, string name, RequestOptions options, List<FieldError> errors)
    {
        if (!descriptor.BuiltIn && descriptor.Schema is { } schema)
        {
            ReportUnknownFields(SchemaPruner.Prune(candidate, schema), options);
            SchemaDefaulter.Apply(candidate, schema);
            errors.AddRange(SchemaValidator.Validate(candidate, schema));
        }
        else if (descriptor.BuiltIn)
        {
            ReportUnknownFields(BuiltInFields.Prune(descriptor, candidate), options);
        }

        if (descriptor == BuiltInResources.CustomResourceDefinitions)
        {
            errors.AddRange(CrdDefinition.Validate(candidate));
        }

        if (errors.Count > 0)
        {
            throw ApiErrors.Invalid(descriptor, name, errors);
        }
    }

    private static void ReportUnknownFields(IReadOnlyList<string> unknown, RequestOptions options)
    {
        if (unknown.Count == 0)
        {
            return;
        }

        if (options.FieldValidation.Equals("Strict", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiErrors.BadRequest("strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field \"{u}\"")));
        }

        if (options.FieldValidation.Equals("Warn", StringComparison.OrdinalIgnoreCase))
        {
            options.Warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelRegex();
}
