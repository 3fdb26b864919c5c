// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Schema;

/// <summary>
/// Validates an object against a CRD version's structural schema, producing the field errors the real apiserver
/// produces: kube-openapi <c>pkg/validation/errors</c> message texts, converted to field errors as
/// apiextensions-apiserver <c>pkg/apiserver/validation/validation.go</c> (<c>ConvertToFieldErrors</c>) does.
/// </summary>
internal static partial class SchemaValidator
{
    private static readonly TimeSpan s_regexTimeout = TimeSpan.FromSeconds(1);

    public static IReadOnlyList<FieldError> Validate(JsonObject root, JsonObject schema)
    {
        var errors = new List<FieldError>();
        var properties = schema.GetObject("properties");
        foreach (var required in schema.GetArray("required").Strings())
        {
            if (required is not ("apiVersion" or "kind" or "metadata") && root[required] is null)
            {
                errors.Add(new FieldError("FieldValueRequired", required, "Required value"));
            }
        }

        if (properties is not null)
        {
            foreach (var (name, value) in root)
            {
                if (name is "apiVersion" or "kind" or "metadata")
                {
                    continue;
                }

                if (properties[name] is JsonObject child)
                {
                    ValidateNode(value, child, name, errors);
                }
            }
        }

        return errors;
    }

    private static void ValidateNode(JsonNode? node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (node is null)
        {
            if (!SchemaPruner.IsTrue(schema, "nullable") && schema.GetString("type") is { } t && !IntOrString(schema))
            {
                errors.Add(TypeError(path, "null", t));
            }

            return;
        }

        if (!CheckType(node, schema, path, errors))
        {
            return;
        }

        if (schema.GetArray("enum") is { Count: > 0 } allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            var supported = string.Join(", ", allowed.Select(JsonHelpers.FormatValue));
            errors.Add(new FieldError("FieldValueNotSupported", path, $"Unsupported value: {JsonHelpers.FormatValue(node)}: supported values: {supported}"));
        }

        switch (node)
        {
            case JsonObject obj:
                ValidateObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                ValidateArray(array, schema, path, errors);
                break;
            default:
                ValidateScalar(node, schema, path, errors);
                break;
        }

        ValidateComposition(node, schema, path, errors);
    }

    private static bool CheckType(JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        var actual = node.TypeName();
        if (IntOrString(schema))
        {
            if (actual is "integer" or "string")
            {
                return true;
            }

            errors.Add(TypeError(path, actual, "integer,string"));
            return false;
        }

        var expected = schema.GetString("type");
        var ok = expected switch
        {
            null => true,
            "number" => actual is "number" or "integer",
            _ => expected == actual,
        };
        if (!ok)
        {
            errors.Add(TypeError(path, actual, expected!));
        }

        return ok;
    }

    private static void ValidateObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors)
    {
        foreach (var required in schema.GetArray("required").Strings())
        {
            if (!obj.ContainsKey(required))
            {
                errors.Add(new FieldError("FieldValueRequired", path + "." + required, "Required value"));
            }
        }

        var properties = schema.GetObject("properties");
        var additional = schema["additionalProperties"] as JsonObject;
        foreach (var (name, value) in obj)
        {
            var childPath = path + "." + name;
            if (properties?[name] is JsonObject child)
            {
                ValidateNode(value, child, childPath, errors);
            }
            else if (additional is not null)
            {
                ValidateNode(value, additional, childPath, errors);
            }
        }
    }

    private static void ValidateArray(JsonArray array, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["minItems"].AsLong() is { } min && array.Count < min)
        {
            errors.Add(Invalid(path, array, $"{path} in body should have at least {min} items"));
        }

        if (schema["maxItems"].AsLong() is { } max && array.Count > max)
        {
            errors.Add(new FieldError("FieldValueTooMany", path, $"Too many: {array.Count}: must have at most {max} items"));
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                ValidateNode(array[i], items, $"{path}[{i}]", errors);
            }
        }

        if (schema.GetString("x-kubernetes-list-type") == "set")
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array.Take(i).Any(prior => JsonNode.DeepEquals(prior, array[i])))
                {
                    errors.Add(new FieldError("FieldValueDuplicate", $"{path}[{i}]", $"Duplicate value: {JsonHelpers.FormatValue(array[i])}"));
                }
            }
        }
    }

    private static void ValidateScalar(JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (node.IsString())
        {
            var text = node.GetValue<string>();
            var length = text.EnumerateRunes().Count();
            if (schema["minLength"].AsLong() is { } minLength && length < minLength)
            {
                errors.Add(Invalid(path, node, $"{path} in body should be at least {minLength} chars long"));
            }

            if (schema["maxLength"].AsLong() is { } maxLength && length > maxLength)
            {
                errors.Add(new FieldError("FieldValueTooLong", path, $"Too long: may not be more than {maxLength} bytes"));
            }

            if (schema.GetString("pattern") is { } pattern && !Matches(text, pattern))
            {
                errors.Add(Invalid(path, node, $"{path} in body should match '{pattern}'"));
            }
        }
        else if (node.IsNumber())
        {
            var value = node.AsDouble();
            if (schema["minimum"] is { } minNode && minNode.IsNumber())
            {
                var exclusive = SchemaPruner.IsTrue(schema, "exclusiveMinimum");
                var min = minNode.AsDouble();
                if (exclusive ? value <= min : value < min)
                {
                    errors.Add(Invalid(path, node, $"{path} in body should be greater than {(exclusive ? string.Empty : "or equal to ")}{Number(minNode)}"));
                }
            }

            if (schema["maximum"] is { } maxNode && maxNode.IsNumber())
            {
                var exclusive = SchemaPruner.IsTrue(schema, "exclusiveMaximum");
                var max = maxNode.AsDouble();
                if (exclusive ? value >= max : value > max)
                {
                    errors.Add(Invalid(path, node, $"{path} in body should be less than {(exclusive ? string.Empty : "or equal to ")}{Number(maxNode)}"));
                }
            }
        }
    }

    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, s_regexTimeout);
        }
        catch (ArgumentException)
        {
            // Patterns RE2 accepts but .NET does not are not enforced rather than rejecting every object.
            return true;
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    private static string Number(JsonNode node) =>
        node.AsDouble().ToString(CultureInfo.InvariantCulture);

    private static bool IntOrString(JsonObject schema) => SchemaPruner.IsTrue(schema, "x-kubernetes-int-or-string");

    private static FieldError Invalid(string path, JsonNode value, string detail) =>
        new("FieldValueInvalid", path, $"Invalid value: {JsonHelpers.FormatValue(value)}: {detail}");

    private static FieldError TypeError(string path, string actual, string expected) =>
        new("FieldValueTypeInvalid", path, $"Invalid value: \"{actual}\": {path} in body must be of type {expected}: \"{actual}\"");
}
