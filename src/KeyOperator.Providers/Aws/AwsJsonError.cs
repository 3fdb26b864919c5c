// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Providers.Aws;

/// <summary>An awsJson1_1 error body: <c>__type</c> (or <c>code</c>) and <c>message</c> (or <c>Message</c>).</summary>
internal sealed record AwsJsonError
{
    [JsonPropertyName("__type")]
    public string? Type { get; init; }

    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("Message")]
    public string? MessageUpper { get; init; }
}
