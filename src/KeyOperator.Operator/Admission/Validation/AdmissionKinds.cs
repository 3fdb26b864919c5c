// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>The kinds the webhook serves: KeyOperator's own, and nothing else.</summary>
internal static class AdmissionKinds
{
    public const string Group = ApiKeyConstants.Group;
    public const string Version = ApiKeyConstants.Version;
    public const string ApiKey = ApiKeyConstants.Kind;
    public const string RotationPolicy = "RotationPolicy";
    public const string ExternalCredential = "ExternalCredential";
    public const string WebhookEndpoint = "WebhookEndpoint";

    /// <summary>Kind and plural of every served kind, in the order the generated configuration lists them.</summary>
    public static IReadOnlyList<(string Kind, string Plural)> All { get; } =
    [
        (ApiKey, "apikeys"),
        (RotationPolicy, "rotationpolicies"),
        (ExternalCredential, "externalcredentials"),
        (WebhookEndpoint, "webhookendpoints"),
    ];

    /// <summary>The path the webhook serves a kind on: <c>/validate/&lt;group&gt;/&lt;version&gt;/&lt;kind&gt;</c>, kind lower-cased.</summary>
    public static string PathFor(string kind) => $"/validate/{Group}/{Version}/{kind.ToLowerInvariant()}";
}
