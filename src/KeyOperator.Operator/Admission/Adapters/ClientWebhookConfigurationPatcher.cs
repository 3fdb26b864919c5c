// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using k8s;
using k8s.Models;
using KeyOperator.Operator.Admission.Certificates;
using KeyOperator.Runtime.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KeyOperator.Operator.Admission.Adapters;

/// <summary>
/// Injects the webhook CA into every webhook of our ValidatingWebhookConfiguration. Every replica calls this each
/// minute, so it writes only when a caBundle differs, with the read resourceVersion as precondition.
/// </summary>
internal sealed class ClientWebhookConfigurationPatcher([FromKeyedServices(KubernetesClientNames.Admission)] IKubernetes client) : IWebhookConfigurationPatcher
{
    public async Task EnsureCaBundleAsync(string configurationName, string caBundlePem, CancellationToken cancellationToken)
    {
        V1ValidatingWebhookConfiguration configuration;
        try
        {
            configuration = await client.AdmissionregistrationV1.ReadValidatingWebhookConfigurationAsync(configurationName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
        {
            // Not installed (yet): the chart or dev creates it; the next refresh injects the bundle.
            return;
        }

        if (configuration.Webhooks is not { Count: > 0 } webhooks)
        {
            return;
        }

        byte[] bundle = Encoding.ASCII.GetBytes(caBundlePem);
        bool changed = false;
        foreach (V1ValidatingWebhook webhook in webhooks)
        {
            webhook.ClientConfig ??= new Admissionregistrationv1WebhookClientConfig();
            if (webhook.ClientConfig.CaBundle is not { } current || !current.AsSpan().SequenceEqual(bundle))
            {
                webhook.ClientConfig.CaBundle = bundle;
                changed = true;
            }
        }

        if (!changed)
        {
            return;
        }

        try
        {
            // The read object (its resourceVersion included) goes back whole: a concurrent change fails with 409.
            await client.AdmissionregistrationV1.ReplaceValidatingWebhookConfigurationAsync(configuration, configurationName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (KubernetesErrors.IsConflict(ex))
        {
            // Another replica wrote first; the next refresh compares again.
        }
    }
}
