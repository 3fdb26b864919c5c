// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using k8s;
using KeyOperator.Operator;
using KeyOperator.Runtime.Client;

namespace KeyOperator.Cli;

/// <summary>
/// <c>key-operator rotate</c>: asks the operator for one rotation of ApiKeys by setting a new value (a timestamp) of
/// the keyoperator.io/rotate annotation, the same as <c>kubectl annotate --overwrite</c>. The operator rotates once
/// per new value (<see cref="ApiKeyRequests"/>). <see cref="RevokePreviousCommand"/> shares the plumbing for
/// keyoperator.io/revoke-previous.
/// </summary>
internal static class RotateCommand
{
    public static Command Create() => CreateAnnotating(
        "rotate",
        "Rotate ApiKeys now (sets the keyoperator.io/rotate annotation to a new value).",
        ApiKeyRequest.Rotate,
        "rotation requested");

    /// <summary>A command that sends <paramref name="request"/> to the selected ApiKeys.</summary>
    internal static Command CreateAnnotating(string name, string description, ApiKeyRequest request, string done)
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
            request,
            done,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        string[] names, string? @namespace, bool all, string? selector, string? kubeconfig, ApiKeyRequest request, string done, CancellationToken cancellationToken)
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
            int count = 0;
            await foreach (string target in ApiKeyRequests.SendAsync(client, request, ns, names, selector, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false))
            {
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
            || ex is k8s.Exceptions.KubeConfigException or k8s.Exceptions.KubernetesClientException or HttpRequestException or KubernetesRequestTimeoutException or IOException or FormatException)
        {
            await Console.Error.WriteLineAsync("error: " + KubernetesErrors.Message(ex)).ConfigureAwait(false);
            return 1;
        }
    }
}
