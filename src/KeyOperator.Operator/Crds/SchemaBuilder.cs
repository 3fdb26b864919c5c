// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using k8s.Models;

namespace KeyOperator.Operator.Crds;

/// <summary>
/// Builds a structural OpenAPI v3 schema (what a CRD's <c>openAPIV3Schema</c> must be) from source-generated
/// <see cref="JsonTypeInfo"/> metadata. Walking the serializer's metadata instead of reflecting over types keeps
/// this trim-safe (the source generator roots every member it describes) and guarantees that the schema's field
/// names are exactly the ones the operator reads and writes.
/// </summary>
/// <param name="options">Options of the operator's JsonSerializerContext.</param>
/// <param name="docs">Source of descriptions.</param>
internal sealed class SchemaBuilder(JsonSerializerOptions options, XmlDocumentation docs)
{
    /// <summary>The schema of a whole custom resource.</summary>
    /// <param name="rootType">The resource's C# type.</param>
    /// <returns>The schema, <c>type: object</c> at every object level.</returns>
    public JsonObject BuildRoot(Type rootType)
    {
        ArgumentNullException.ThrowIfNull(rootType);
        JsonObject schema = Build(rootType, property: null, depth: 0);
        SetDescription(schema, docs.ForType(rootType));
        return schema;
    }

    private JsonObject Build(Type type, PropertyInfo? property, int depth)
    {
        if (depth > 32)
        {
            throw new InvalidOperationException("The type graph of " + type + " is too deep; recursive types cannot become a CRD schema.");
        }

        Type underlying = Nullable.GetUnderlyingType(type) ?? type;
        JsonObject schema = BuildType(underlying, depth);
        if (property is not null)
        {
            SchemaAnnotations.Apply(schema, property, TypeInfo);
        }

        return schema;
    }

    private JsonObject BuildType(Type type, int depth)
    {
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(short) || type == typeof(byte))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }

        if (type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }

        if (type == typeof(double) || type == typeof(float))
        {
            return new JsonObject { ["type"] = "number" };
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type == typeof(V1ObjectMeta))
        {
            // The apiserver validates metadata itself; a CRD may only say that it is an object.
            return new JsonObject { ["type"] = "object" };
        }

        if (type == typeof(JsonObject) || type == typeof(JsonElement) || type == typeof(JsonNode))
        {
            return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        }

        JsonTypeInfo info = TypeInfo(type);
        if (type.IsEnum)
        {
            return new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. EnumWireNames(type, info)]) };
        }

        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => new JsonObject
            {
                ["type"] = "array",
                ["items"] = WithTypeDescription(Build(info.ElementType!, null, depth + 1), info.ElementType!),
            },
            JsonTypeInfoKind.Dictionary when info.KeyType == typeof(string) => new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = Build(info.ElementType!, null, depth + 1),
            },
            JsonTypeInfoKind.Object => BuildObject(type, info, depth),
            _ => throw new NotSupportedException("No CRD schema mapping for " + type + "."),
        };
    }

    private JsonObject BuildObject(Type type, JsonTypeInfo info, int depth)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        object? absent = DeserializeEmpty(info);
        foreach (JsonPropertyInfo jsonProperty in info.Properties)
        {
            if (jsonProperty.Get is null || jsonProperty.AttributeProvider is not PropertyInfo property)
            {
                continue;
            }

            JsonObject propertySchema = Build(jsonProperty.PropertyType, property, depth + 1);
            // metadata stays a bare "type: object", as the apiserver allows nothing else there but name rules.
            if (jsonProperty.PropertyType != typeof(V1ObjectMeta))
            {
                SetDescription(propertySchema, docs.ForProperty(property) ?? DescriptionOfType(jsonProperty.PropertyType));
            }

            CheckDefault(propertySchema, jsonProperty, absent, type);
            properties[jsonProperty.Name] = propertySchema;
            if (jsonProperty.IsRequired || property.IsDefined(typeof(RequiredAttribute), inherit: false))
            {
                required.Add((JsonNode)jsonProperty.Name);
            }
        }

        var schema = new JsonObject { ["type"] = "object" };
        if (properties.Count > 0)
        {
            schema["properties"] = properties;
        }

        // An empty required list is dropped by the apiserver, which GitOps tools would then report as drift.
        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        if (type.GetCustomAttribute<MutuallyExclusiveAttribute>() is { } exclusive)
        {
            schema["oneOf"] = SchemaAnnotations.OneOf(exclusive, properties);
        }

        return schema;
    }

    private void CheckDefault(JsonObject schema, JsonPropertyInfo property, object? absent, Type owner)
    {
        // The apiserver fills in a [DefaultValue]; the operator must see the same value when it deserializes an object
        // that lacks the field (a control plane without defaulting, an older stored object). Checked on a "{}"
        // deserialized with the same metadata, because source generation drops initializers of init-only
        // properties (dotnet/runtime#84484). A null read back is fine for a nullable property: the code then treats
        // "absent" as the default itself.
        if (absent is null || !schema.TryGetPropertyValue("default", out JsonNode? declared))
        {
            return;
        }

        object? actual = property.Get!(absent);
        if (actual is null && property.IsGetNullable)
        {
            return;
        }

        JsonNode? actualNode = actual is null ? null : JsonSerializer.SerializeToNode(actual, TypeInfo(actual.GetType()));
        if (!JsonNode.DeepEquals(declared, actualNode))
        {
            throw new InvalidOperationException(
                owner.Name + "." + property.Name + " declares [DefaultValue] " + declared?.ToJsonString() + " but deserializes to "
                + (actualNode?.ToJsonString() ?? "null") + " when absent; set defaults through a [JsonConstructor] with default parameters.");
        }
    }

    private static object? DeserializeEmpty(JsonTypeInfo info)
    {
        try
        {
            return JsonSerializer.Deserialize("{}", info);
        }
        catch (JsonException)
        {
            // Types with required members cannot be read from "{}"; nothing of theirs is defaulted.
            return null;
        }
    }

    private JsonObject WithTypeDescription(JsonObject schema, Type type)
    {
        SetDescription(schema, DescriptionOfType(type));
        return schema;
    }

    private string? DescriptionOfType(Type type)
    {
        Type underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying == typeof(string) || underlying == typeof(V1ObjectMeta) || underlying.Namespace == "System"
            ? null
            : docs.ForType(underlying);
    }

    private static void SetDescription(JsonObject schema, string? description)
    {
        if (!string.IsNullOrEmpty(description))
        {
            schema["description"] = description;
        }
    }

    private static IEnumerable<JsonNode> EnumWireNames(Type type, JsonTypeInfo info)
    {
        foreach (object value in Enum.GetValuesAsUnderlyingType(type))
        {
            JsonNode? name = JsonSerializer.SerializeToNode(Enum.ToObject(type, value), info);
            yield return name is JsonValue v && v.TryGetValue(out string? text)
                ? text
                : throw new InvalidOperationException(type.Name + " must serialize as a string enum (JsonStringEnumConverter).");
        }
    }

    private JsonTypeInfo TypeInfo(Type type) =>
        options.TypeInfoResolver?.GetTypeInfo(type, options)
        ?? throw new InvalidOperationException("Add [JsonSerializable(typeof(" + type.Name + "))] to the operator's JsonSerializerContext.");
}
