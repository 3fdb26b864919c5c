// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Errors;

namespace KeyOperator.ControlPlane.Schema;

/// <summary>
/// <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c> and <c>not</c>, with kube-openapi's messages (<c>pkg/validation/validate/
/// schema_props.go</c>). Those are plain errors rather than field validations, so apiextensions-apiserver reports them
/// on the root path: <c>&lt;nil&gt;: Invalid value: "": "spec" must validate one and only one schema (oneOf). …</c>.
/// When no alternative validates, the errors of the closest one are reported as well, as upstream merges them.
/// </summary>
internal static partial class SchemaValidator
{
    private const string RootField = "<nil>";

    private static void ValidateComposition(JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["allOf"] is JsonArray { Count: > 0 } allOf)
        {
            var results = Alternatives(node, allOf, path);
            var valid = results.Count(r => r.Count == 0);
            foreach (var result in results)
            {
                errors.AddRange(result);
            }

            if (valid != results.Count)
            {
                errors.Add(Composite(string.Create(CultureInfo.InvariantCulture, $"\"{path}\" must validate all the schemas (allOf). Failing: {valid} valid out of {results.Count}")));
            }
        }

        if (schema["anyOf"] is JsonArray { Count: > 0 } anyOf)
        {
            var results = Alternatives(node, anyOf, path);
            if (!results.Any(r => r.Count == 0))
            {
                errors.Add(Composite($"\"{path}\" must validate at least one schema (anyOf)"));
                errors.AddRange(Closest(results));
            }
        }

        if (schema["oneOf"] is JsonArray { Count: > 0 } oneOf)
        {
            var results = Alternatives(node, oneOf, path);
            var valid = results.Count(r => r.Count == 0);
            if (valid == 0)
            {
                errors.Add(Composite($"\"{path}\" must validate one and only one schema (oneOf). Found none valid"));
                errors.AddRange(Closest(results));
            }
            else if (valid > 1)
            {
                errors.Add(Composite(string.Create(CultureInfo.InvariantCulture, $"\"{path}\" must validate one and only one schema (oneOf). Found {valid} valid alternatives")));
            }
        }

        if (schema["not"] is JsonObject not)
        {
            var result = new List<FieldError>();
            ValidateNode(node, not, path, result);
            if (result.Count == 0)
            {
                errors.Add(Composite($"\"{path}\" must not validate the schema (not)"));
            }
        }
    }

    private static List<List<FieldError>> Alternatives(JsonNode node, JsonArray schemas, string path)
    {
        var results = new List<List<FieldError>>();
        foreach (var alternative in schemas.OfType<JsonObject>())
        {
            var result = new List<FieldError>();
            ValidateNode(node, alternative, path, result);
            results.Add(result);
        }

        return results;
    }

    private static List<FieldError> Closest(List<List<FieldError>> results) =>
        results.Where(r => r.Count > 0).OrderBy(r => r.Count).FirstOrDefault() ?? [];

    private static FieldError Composite(string message) => new("FieldValueInvalid", RootField, "Invalid value: \"\": " + message);
}
