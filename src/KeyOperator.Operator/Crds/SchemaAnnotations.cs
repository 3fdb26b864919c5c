// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace KeyOperator.Operator.Crds;

/// <summary>Turns the schema attributes of this folder ([Minimum], [Pattern], [ListMap]…) and [DefaultValue] into OpenAPI keywords.</summary>
internal static class SchemaAnnotations
{
    /// <summary>Adds the validation, default and list-type keywords that the property's attributes ask for.</summary>
    /// <param name="schema">Schema of the property, already typed.</param>
    /// <param name="property">The C# property.</param>
    /// <param name="typeInfo">Serializer metadata, to write default values exactly as they go over the wire.</param>
    public static void Apply(JsonObject schema, PropertyInfo property, Func<Type, JsonTypeInfo> typeInfo)
    {
        foreach (Attribute attribute in property.GetCustomAttributes(inherit: false))
        {
            switch (attribute)
            {
                case MinimumAttribute a:
                    schema["minimum"] = a.Value;
                    break;
                case MaximumAttribute a:
                    schema["maximum"] = a.Value;
                    break;
                case PatternAttribute a:
                    schema["pattern"] = a.Regex;
                    break;
                case MinLengthAttribute a:
                    schema["minLength"] = a.Length;
                    break;
                case MaxLengthAttribute a:
                    schema["maxLength"] = a.Length;
                    break;
                case MaxItemsAttribute a:
                    schema["maxItems"] = a.Count;
                    break;
                case IntegerEnumAttribute a:
                    schema["enum"] = new JsonArray([.. a.Values.Select(v => (JsonNode)v)]);
                    break;
                case PreserveUnknownFieldsAttribute:
                    schema["type"] = "object";
                    schema["x-kubernetes-preserve-unknown-fields"] = true;
                    break;
                case ListMapAttribute a:
                    ApplyListMap(schema, a, property);
                    break;
                case DefaultValueAttribute a:
                    schema["default"] = a.Value is null ? null : JsonSerializer.SerializeToNode(a.Value, typeInfo(a.Value.GetType()));
                    break;
            }
        }
    }

    private static void ApplyListMap(JsonObject schema, ListMapAttribute listMap, PropertyInfo property)
    {
        // The apiserver rejects map keys that are neither required nor defaulted.
        JsonArray itemRequired = schema["items"]?["required"] as JsonArray ?? [];
        foreach (string key in listMap.Keys)
        {
            if (!itemRequired.Any(r => (string?)r == key))
            {
                throw new InvalidOperationException("List-map key " + key + " of " + property.Name + " must be a required item field.");
            }
        }

        schema["x-kubernetes-list-type"] = "map";
        schema["x-kubernetes-list-map-keys"] = new JsonArray([.. listMap.Keys.Select(k => (JsonNode)k)]);
    }

    /// <summary>The <c>oneOf</c> that allows at most (or exactly) one of the exclusive properties.</summary>
    /// <param name="exclusive">The attribute on the object's type.</param>
    /// <param name="properties">The object's property schemas, to check the names against.</param>
    /// <returns>The branches.</returns>
    public static JsonArray OneOf(MutuallyExclusiveAttribute exclusive, JsonObject properties)
    {
        IReadOnlyList<string> names = exclusive.Properties;
        var branches = new JsonArray();
        var none = new JsonArray();
        foreach (string name in names)
        {
            if (!properties.ContainsKey(name))
            {
                throw new InvalidOperationException("MutuallyExclusive names an unknown property: " + name + ".");
            }

            branches.Add((JsonNode)new JsonObject { ["required"] = new JsonArray((JsonNode)name) });
            none.Add((JsonNode)new JsonObject { ["required"] = new JsonArray((JsonNode)name) });
        }

        if (exclusive.AllowNone)
        {
            branches.Add((JsonNode)new JsonObject { ["not"] = new JsonObject { ["anyOf"] = none } });
        }

        return branches;
    }
}
