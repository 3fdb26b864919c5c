// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyOperator.Kubernetes.Serialization;

/// <summary>
/// meta/v1 Time on the wire: RFC 3339 in UTC at second precision (<c>2008-01-01T01:01:01Z</c>), as apimachinery's
/// <c>Time.MarshalJSON</c> writes it. Reading accepts any RFC 3339 value, including fractional seconds.
/// </summary>
public sealed class KubernetesTimeConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.GetString();
        if (string.IsNullOrEmpty(text))
        {
            throw new JsonException("A Kubernetes timestamp must be a non-empty RFC 3339 string.");
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
