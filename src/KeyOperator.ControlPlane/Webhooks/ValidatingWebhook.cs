// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Webhooks;

/// <summary>One <c>webhooks[]</c> entry of a stored ValidatingWebhookConfiguration, with the v1 defaults applied.</summary>
internal sealed record ValidatingWebhook
{
    private const int DefaultTimeoutSeconds = 10;
    private const int MaxTimeoutSeconds = 30;

    public required string Name { get; init; }

    public required IReadOnlyList<WebhookRule> Rules { get; init; }

    /// <summary>True for <c>failurePolicy: Ignore</c>; v1 defaults to Fail.</summary>
    public bool IgnoreFailures { get; init; }

    /// <summary>True for <c>matchPolicy: Exact</c>; v1 defaults to Equivalent.</summary>
    public bool ExactMatch { get; init; }

    public JsonObject? NamespaceSelector { get; init; }

    public JsonObject? ObjectSelector { get; init; }

    /// <summary>None, NoneOnDryRun, Some, Unknown, or null when unset.</summary>
    public string? SideEffects { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(DefaultTimeoutSeconds);

    public string? Url { get; init; }

    public WebhookServiceReference? Service { get; init; }

    /// <summary>The path of a service reference ("/" when unset).</summary>
    public string ServicePath { get; init; } = "/";

    /// <summary>Decoded <c>caBundle</c> (PEM text); null trusts the system roots, as the apiserver does.</summary>
    public string? CaBundlePem { get; init; }

    public static ValidatingWebhook Parse(JsonObject webhook)
    {
        var clientConfig = webhook.GetObject("clientConfig");
        var service = clientConfig.GetObject("service");
        var timeout = webhook["timeoutSeconds"].AsLong() ?? DefaultTimeoutSeconds;
        return new ValidatingWebhook
        {
            Name = webhook.GetString("name") ?? string.Empty,
            Rules = (webhook.GetArray("rules") ?? []).OfType<JsonObject>().Select(WebhookRule.Parse).ToArray(),
            IgnoreFailures = webhook.GetString("failurePolicy") == "Ignore",
            ExactMatch = webhook.GetString("matchPolicy") == "Exact",
            NamespaceSelector = webhook.GetObject("namespaceSelector"),
            ObjectSelector = webhook.GetObject("objectSelector"),
            SideEffects = webhook.GetString("sideEffects"),
            Timeout = TimeSpan.FromSeconds(Math.Clamp(timeout, 1, MaxTimeoutSeconds)),
            Url = clientConfig.GetString("url"),
            Service = service is null
                ? null
                : new WebhookServiceReference(service.GetString("namespace") ?? string.Empty, service.GetString("name") ?? string.Empty, (int)(service["port"].AsLong() ?? 443)),
            ServicePath = service.GetString("path") ?? "/",
            CaBundlePem = DecodeCaBundle(clientConfig.GetString("caBundle")),
        };
    }

    private static string? DecodeCaBundle(string? caBundle)
    {
        if (string.IsNullOrEmpty(caBundle))
        {
            return null;
        }

        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(caBundle));
        }
        catch (FormatException)
        {
            // An undecodable bundle trusts nothing, so every call fails the TLS check (the apiserver refuses such a
            // configuration when it is written; this server stores it as given).
            return string.Empty;
        }
    }
}
