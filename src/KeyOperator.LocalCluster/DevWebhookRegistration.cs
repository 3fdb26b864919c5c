// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using k8s;
using KeyOperator.ControlPlane.Json;
using KeyOperator.Operator;
using KeyOperator.Operator.Admission.Generation;

namespace KeyOperator.LocalCluster;

/// <summary>
/// Registers the operator's ValidatingWebhookConfiguration with the local control plane. It is the generated
/// configuration with one change: the webhook is reached by URL on 127.0.0.1, since no Service routing exists here.
/// </summary>
internal static class DevWebhookRegistration
{
    public static async Task RegisterAsync(IKubernetes client, string operatorNamespace, Uri webhookBase, string caPem, CancellationToken cancellationToken)
    {
        string yaml = KeyOperatorManifests.GenerateWebhookConfiguration(new WebhookConfigurationOptions { Namespace = operatorNamespace, CaBundlePem = caPem });
        JsonObject configuration = YamlToJson.ParseAll(yaml).OfType<JsonObject>().Single();
        string bundle = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        foreach (JsonObject webhook in configuration["webhooks"]!.AsArray().OfType<JsonObject>())
        {
            string path = webhook["clientConfig"]?["service"]?["path"]?.GetValue<string>() ?? "/";
            webhook["clientConfig"] = new JsonObject
            {
                ["url"] = new Uri(webhookBase, path).ToString(),
                ["caBundle"] = bundle,
            };
        }

        await ServerSideApply.ApplyAsync(client, configuration, "key-operator-dev", cancellationToken).ConfigureAwait(false);
    }
}
