// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>Decodes a protobuf message into JSON, driven by a <see cref="ProtoMessage"/> description.</summary>
/// <remarks>Unknown fields are skipped, so newer clients that send more fields still decode.</remarks>
internal static class ProtoDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static JsonObject Decode(ReadOnlySpan<byte> data, ProtoMessage message)
    {
        var values = new Dictionary<ProtoField, JsonNode?>();
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            var field = message.Find(number);
            if (field is null)
            {
                reader.Skip(wireType);
                continue;
            }

            if (field.Repeated && wireType == ProtoReader.LengthDelimited && IsVarint(field.Kind))
            {
                // Packed repeated scalars: one length-delimited run of varints.
                var packed = new ProtoReader(reader.ReadLengthDelimited());
                while (!packed.End)
                {
                    Add(values, field, Scalar(field, packed.ReadVarint()));
                }

                continue;
            }

            var value = ReadValue(ref reader, field, wireType, values);
            if (field.Repeated)
            {
                Add(values, field, value);
            }
            else if (field.Kind is ProtoFieldKind.StringMap or ProtoFieldKind.BytesMap or ProtoFieldKind.QuantityMap)
            {
                // Each map entry arrives as its own field occurrence; ReadValue merged it already.
            }
            else
            {
                values[field] = value;
            }
        }

        return Assemble(message, values);
    }

    private static JsonObject Assemble(ProtoMessage message, Dictionary<ProtoField, JsonNode?> values)
    {
        var result = new JsonObject();
        foreach (var field in message.Fields)
        {
            if (!values.TryGetValue(field, out var value))
            {
                continue;
            }

            if (field.Inline && value is JsonObject inlined)
            {
                foreach (var (name, nested) in inlined.ToList())
                {
                    inlined.Remove(name);
                    result[name] = nested;
                }
            }
            else if (value is not null || field.KeepZero)
            {
                result[field.JsonName] = value;
            }
        }

        return result;
    }

    private static JsonNode? ReadValue(ref ProtoReader reader, ProtoField field, int wireType, Dictionary<ProtoField, JsonNode?> values)
    {
        if (IsVarint(field.Kind))
        {
            Expect(field, wireType, ProtoReader.Varint);
            return Scalar(field, reader.ReadVarint());
        }

        Expect(field, wireType, ProtoReader.LengthDelimited);
        var data = reader.ReadLengthDelimited();
        switch (field.Kind)
        {
            case ProtoFieldKind.String:
                var text = Utf8(data, field);
                return text.Length == 0 && !field.KeepZero && !field.Repeated ? null : JsonValue.Create(text);
            case ProtoFieldKind.Bytes:
                return data.Length == 0 && !field.KeepZero && !field.Repeated ? null : JsonValue.Create(Convert.ToBase64String(data));
            case ProtoFieldKind.RawJson:
                return RawJson(data, field);
            case ProtoFieldKind.Message:
                return Decode(data, field.Message!);
            case ProtoFieldKind.Time:
                return Timestamp(data, micro: false);
            case ProtoFieldKind.MicroTime:
                return Timestamp(data, micro: true);
            case ProtoFieldKind.IntOrString:
                return IntOrString(data);
            case ProtoFieldKind.Quantity:
                return QuantityText(data);
            default:
                var map = values.TryGetValue(field, out var existing) && existing is JsonObject current ? current : new JsonObject();
                values[field] = map;
                var (key, value) = MapEntry(data, field);
                map[key] = value;
                return map;
        }
    }

    private static JsonNode? Scalar(ProtoField field, ulong raw)
    {
        JsonNode value = field.Kind switch
        {
            ProtoFieldKind.Bool => JsonValue.Create(raw != 0),
            ProtoFieldKind.Int32 => JsonValue.Create(unchecked((int)raw)),
            _ => JsonValue.Create(unchecked((long)raw)),
        };
        return raw == 0 && !field.KeepZero && !field.Repeated ? null : value;
    }

    private static (string Key, JsonNode? Value) MapEntry(ReadOnlySpan<byte> entry, ProtoField field)
    {
        var key = string.Empty;
        JsonNode? value = field.Kind == ProtoFieldKind.QuantityMap ? null : JsonValue.Create(string.Empty);
        var reader = new ProtoReader(entry);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            if (number is not (1 or 2) || wireType != ProtoReader.LengthDelimited)
            {
                reader.Skip(wireType);
                continue;
            }

            var data = reader.ReadLengthDelimited();
            if (number == 1)
            {
                key = Utf8(data, field);
                continue;
            }

            value = field.Kind switch
            {
                ProtoFieldKind.BytesMap => JsonValue.Create(Convert.ToBase64String(data)),
                ProtoFieldKind.QuantityMap => QuantityText(data),
                _ => JsonValue.Create(Utf8(data, field)),
            };
        }

        return (key, value);
    }

    private static JsonNode? Timestamp(ReadOnlySpan<byte> data, bool micro)
    {
        long seconds = 0;
        long nanos = 0;
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            if (wireType != ProtoReader.Varint)
            {
                reader.Skip(wireType);
            }
            else if (number == 1)
            {
                seconds = unchecked((long)reader.ReadVarint());
            }
            else if (number == 2)
            {
                nanos = unchecked((int)reader.ReadVarint());
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        // An empty Timestamp is how Go encodes a zero time; JSON has null there, which we leave out.
        if (seconds == 0 && nanos == 0)
        {
            return null;
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100);
        return JsonValue.Create(time.UtcDateTime.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    private static JsonNode? IntOrString(ReadOnlySpan<byte> data)
    {
        long type = 0;
        long intValue = 0;
        var text = string.Empty;
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            switch (number, wireType)
            {
                case (1, ProtoReader.Varint):
                    type = unchecked((long)reader.ReadVarint());
                    break;
                case (2, ProtoReader.Varint):
                    intValue = unchecked((int)reader.ReadVarint());
                    break;
                case (3, ProtoReader.LengthDelimited):
                    text = Encoding.UTF8.GetString(reader.ReadLengthDelimited());
                    break;
                default:
                    reader.Skip(wireType);
                    break;
            }
        }

        return type == 1 ? JsonValue.Create(text) : JsonValue.Create(intValue);
    }

    private static JsonNode? QuantityText(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            if (number == 1 && wireType == ProtoReader.LengthDelimited)
            {
                return JsonValue.Create(Encoding.UTF8.GetString(reader.ReadLengthDelimited()));
            }

            reader.Skip(wireType);
        }

        return JsonValue.Create("0");
    }

    /// <summary><c>FieldsV1</c> is a message whose field 1 holds JSON text; Go writes that JSON in place of the message.</summary>
    private static JsonNode? RawJson(ReadOnlySpan<byte> message, ProtoField field)
    {
        ReadOnlySpan<byte> data = default;
        var reader = new ProtoReader(message);
        while (!reader.End)
        {
            var (number, wireType) = reader.ReadTag();
            if (number == 1 && wireType == ProtoReader.LengthDelimited)
            {
                data = reader.ReadLengthDelimited();
            }
            else
            {
                reader.Skip(wireType);
            }
        }

        try
        {
            return data.Length == 0 ? null : JsonNode.Parse(data);
        }
        catch (JsonException exception)
        {
            throw new FormatException("Field " + field.JsonName + " does not hold JSON.", exception);
        }
    }

    private static string Utf8(ReadOnlySpan<byte> data, ProtoField field)
    {
        try
        {
            return StrictUtf8.GetString(data);
        }
        catch (DecoderFallbackException exception)
        {
            throw new FormatException("Field " + field.JsonName + " is not valid UTF-8.", exception);
        }
    }

    private static void Add(Dictionary<ProtoField, JsonNode?> values, ProtoField field, JsonNode? value)
    {
        if (!values.TryGetValue(field, out var existing) || existing is not JsonArray array)
        {
            array = [];
            values[field] = array;
        }

        array.Add(value);
    }

    private static bool IsVarint(ProtoFieldKind kind) => kind is ProtoFieldKind.Bool or ProtoFieldKind.Int32 or ProtoFieldKind.Int64;

    private static void Expect(ProtoField field, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new FormatException("Field " + field.JsonName + " has wire type " + actual + ", expected " + expected + ".");
        }
    }
}
