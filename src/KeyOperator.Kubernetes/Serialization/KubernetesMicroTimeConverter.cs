// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyOperator.Kubernetes.Serialization;

/// <summary>
/// meta/v1 MicroTime on the wire: RFC 3339 in UTC with exactly six fractional digits
/// (<c>2004-01-01T01:01:01.000004Z</c>; apimachinery <c>pkg/apis/meta/v1/micro_time.go</c>, <c>RFC3339Micro</c>).
/// Apply it with <c>[JsonConverter]</c> on MicroTime properties; everything else uses <see cref="KubernetesTimeConverter"/>.
/// </summary>
public sealed class KubernetesMicroTimeConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? text = reader.GetString();
        if (string.IsNullOrEmpty(text))
        {
            throw new JsonException("A Kubernetes MicroTime must be a non-empty RFC 3339 string.");
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);

        // Go truncates to microseconds rather than rounding; so do we (a tick is 100 ns).
        DateTime utc = value.UtcDateTime;
        utc = utc.AddTicks(-(utc.Ticks % 10));
        writer.WriteStringValue(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
    }
}
