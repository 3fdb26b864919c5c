// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Operator.ApiKeys;

/// <summary>The kind of material an ApiKey holds; the wire names match the spec's format blocks.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApiKeyFormat>))]
internal enum ApiKeyFormat
{
    /// <summary>Bearer token with prefix and checksum.</summary>
    [JsonStringEnumMemberName("token")]
    Token,

    /// <summary>Random HMAC secret bytes.</summary>
    [JsonStringEnumMemberName("hmac")]
    Hmac,

    /// <summary>RSA key pair.</summary>
    [JsonStringEnumMemberName("rsa")]
    Rsa,

    /// <summary>ECDSA key pair.</summary>
    [JsonStringEnumMemberName("ecdsa")]
    Ecdsa,

    /// <summary>Username and password.</summary>
    [JsonStringEnumMemberName("basicAuth")]
    BasicAuth,
}
