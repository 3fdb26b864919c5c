// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Operator.Admission.Certificates;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>
/// Injects the webhook CA into every webhook of our ValidatingWebhookConfiguration. Every replica calls this each
/// minute, so it writes only when a caBundle differs, with the read resourceVersion as precondition.
/// </summary>
internal sealed class ClientWebhookConfigurationPatcher(IKubernetesClient client) : IWebhookConfigurationPatcher
{
    public async Task EnsureCaBundleAsync(string configurationName, string caBundlePem, CancellationToken cancellationToken)
    {
        JsonObject? configuration = await client.TryGetAsync(ResourceType.ValidatingWebhookConfigurations, null, configurationName, Kubernetes.Serialization.KubernetesJsonContext.Default.JsonObject, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (configuration?["webhooks"] is not JsonArray webhooks)
        {
            // Not installed (yet): the chart or dev creates it; the next refresh injects the bundle.
            return;
        }

        string bundle = Convert.ToBase64String(Encoding.ASCII.GetBytes(caBundlePem));
        bool changed = false;
        foreach (JsonObject webhook in webhooks.OfType<JsonObject>())
        {
            JsonObject clientConfig = webhook["clientConfig"] as JsonObject ?? [];
            if (clientConfig["caBundle"]?.GetValue<string>() != bundle)
            {
                clientConfig["caBundle"] = bundle;
                webhook["clientConfig"] = clientConfig;
                changed = true;
            }
        }

        if (!changed)
        {
            return;
        }

        try
        {
            await client.ReplaceObjectAsync(ResourceType.ValidatingWebhookConfigurations, configuration, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ConflictException)
        {
            // Another replica wrote first; the next refresh compares again.
        }
    }
}
