// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyOperator.Operator.Serialization;

/// <summary>
/// meta/v1 Time for the DateTimeOffset fields of our kinds' status: RFC 3339 at second precision, as the API server
/// stores it. The library's DateTimeOffset converter writes microseconds when there is a fraction; a status time must
/// read back exactly as written, or every reconcile would see a change and write status again.
/// </summary>
internal sealed class MetaTimeConverter : JsonConverter<DateTimeOffset>
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
