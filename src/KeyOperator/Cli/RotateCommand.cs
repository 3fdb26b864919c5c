// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.ApiKeys;
using KeyOperator.Operator.Serialization;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Kubernetes;

namespace KeyOperator.Cli;

/// <summary>
/// <c>key-operator rotate</c>: asks the operator for one rotation of ApiKeys by setting a new value (a timestamp) of
/// the keyoperator.io/rotate annotation, the same as <c>kubectl annotate --overwrite</c>. The operator rotates once
/// per new value. <see cref="RevokePreviousCommand"/> shares the plumbing for keyoperator.io/revoke-previous.
/// </summary>
internal static class RotateCommand
{
    public static Command Create() => CreateAnnotating(
        "rotate",
        "Rotate ApiKeys now (sets the keyoperator.io/rotate annotation to a new value).",
        ApiKeyConstants.Annotations.Rotate,
        "rotation requested");

    /// <summary>A command that sets <paramref name="annotation"/> to the current time on the selected ApiKeys.</summary>
    internal static Command CreateAnnotating(string name, string description, string annotation, string done)
    {
        Argument<string[]> names = new("NAME") { Description = "ApiKeys to annotate.", Arity = ArgumentArity.ZeroOrMore };
        Option<string?> ns = new("--namespace", "-n") { Description = "Namespace of the ApiKeys (default: the kubeconfig context's)." };
        Option<bool> all = new("--all") { Description = "Every ApiKey in the namespace." };
        Option<string?> selector = new("--selector", "-l") { Description = "Label selector, such as team=payments." };
        Option<string?> kubeconfig = new("--kubeconfig") { Description = "Path to the kubeconfig (default: $KUBECONFIG, then ~/.kube/config)." };
        Command command = new(name, description) { names, ns, all, selector, kubeconfig };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(names) ?? [],
            parse.GetValue(ns),
            parse.GetValue(all),
            parse.GetValue(selector),
            parse.GetValue(kubeconfig),
            annotation,
            done,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string[] names, string? @namespace, bool all, string? selector, string? kubeconfig, string annotation, string done, CancellationToken cancellationToken)
    {
        int ways = (names.Length > 0 ? 1 : 0) + (all ? 1 : 0) + (string.IsNullOrEmpty(selector) ? 0 : 1);
        if (ways != 1)
        {
            await Console.Error.WriteLineAsync("error: name ApiKeys, or use exactly one of --all and -l/--selector").ConfigureAwait(false);
            return 2;
        }

        try
        {
            KubernetesClientConfiguration configuration = KubernetesConfigurationLoader.Load(string.IsNullOrEmpty(kubeconfig) ? null : kubeconfig);
            using k8s.Kubernetes client = KubernetesClientFactory.Create(configuration, new KubernetesClientOptions(), TimeProvider.System);
            string ns = string.IsNullOrEmpty(@namespace) ? configuration.Namespace ?? "default" : @namespace;
            CustomResourceType type = ApiKeyResources.ApiKeys;
            IEnumerable<string> targets = names;
            if (names.Length == 0)
            {
                object listed = await client.CustomObjects.ListNamespacedCustomObjectAsync(type.Group, type.Version, ns, type.Plural, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
                CustomResourceList<ApiKey> list = listed is System.Text.Json.JsonElement element
                    ? System.Text.Json.JsonSerializer.Deserialize(element, OperatorJsonContext.Default.CustomResourceListApiKey) ?? new CustomResourceList<ApiKey>()
                    : new CustomResourceList<ApiKey>();
                targets = (list.Items ?? []).Select(k => k.Metadata.Name!);
            }

            // Sub-second precision, so that two requests within a second are still two new values.
            string value = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
            int count = 0;
            foreach (string target in targets)
            {
                JsonObject patch = new() { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [annotation] = value } } };
                await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                    new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), type.Group, type.Version, ns, type.Plural, target, cancellationToken: cancellationToken).ConfigureAwait(false);
                await Console.Out.WriteLineAsync($"apikey.keyoperator.io/{target} {done}").ConfigureAwait(false);
                count++;
            }

            if (count == 0)
            {
                await Console.Out.WriteLineAsync($"No ApiKeys found in namespace {ns}.").ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception ex) when (KubernetesErrors.StatusCode(ex) is not null
            || ex is k8s.Exceptions.KubeConfigException or k8s.Exceptions.KubernetesClientException or HttpRequestException or KubernetesRequestTimeoutException or IOException)
        {
            await Console.Error.WriteLineAsync("error: " + KubernetesErrors.Message(ex)).ConfigureAwait(false);
            return 1;
        }
    }
}
