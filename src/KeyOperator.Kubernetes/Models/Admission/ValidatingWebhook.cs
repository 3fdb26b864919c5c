// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.Kubernetes.Models;

/// <summary>admissionregistration.k8s.io/v1 ValidatingWebhook. Selectors and match conditions stay raw JSON.</summary>
public sealed record ValidatingWebhook
{
    /// <summary>Fully qualified name, such as <c>apikeys.keyoperator.io</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Where to call the webhook and which CA to trust.</summary>
    public required WebhookClientConfig ClientConfig { get; init; }

    /// <summary>Operations and resources the webhook applies to.</summary>
    public IReadOnlyList<RuleWithOperations>? Rules { get; init; }

    /// <summary><c>Fail</c> or <c>Ignore</c> when the webhook cannot be reached.</summary>
    public string? FailurePolicy { get; init; }

    /// <summary><c>Exact</c> or <c>Equivalent</c>.</summary>
    public string? MatchPolicy { get; init; }

    /// <summary>Label selector over namespaces, raw.</summary>
    public JsonObject? NamespaceSelector { get; init; }

    /// <summary>Label selector over objects, raw.</summary>
    public JsonObject? ObjectSelector { get; init; }

    /// <summary><c>None</c> or <c>NoneOnDryRun</c>; required in v1.</summary>
    public required string SideEffects { get; init; }

    /// <summary>Call timeout, 1–30 seconds.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>AdmissionReview versions the webhook accepts, such as <c>v1</c>; required in v1.</summary>
    public required IReadOnlyList<string> AdmissionReviewVersions { get; init; }

    /// <summary>CEL match conditions, raw.</summary>
    public JsonArray? MatchConditions { get; init; }
}
