// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyOperator.Kubernetes.Serialization;

/// <summary>
/// Shared shape of the meta/v1 time converters: reading accepts any RFC 3339 value (with or without fractional
/// seconds); writing renders UTC in the derived type's fixed precision.
/// </summary>
public abstract class Rfc3339Converter : JsonConverter<DateTimeOffset>
{
    /// <summary>Name of the wire type, for error messages (Time or MicroTime).</summary>
    private protected abstract string WireType { get; }

    /// <summary>The UTC value as the wire format writes it.</summary>
    /// <param name="utc">The value in UTC.</param>
    /// <returns>The RFC 3339 text.</returns>
    private protected abstract string Format(DateTime utc);

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.GetString();
        if (string.IsNullOrEmpty(text))
        {
            throw new JsonException($"A Kubernetes {WireType} must be a non-empty RFC 3339 string.");
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Format(value.UtcDateTime));
    }
}
