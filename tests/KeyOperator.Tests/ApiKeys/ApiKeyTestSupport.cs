// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;
using KeyOperator.Tests.Infrastructure;

namespace KeyOperator.Tests.ApiKeys;

/// <summary>Steps the ApiKey end-to-end tests share: apply with kubectl, wait for Ready, read what the operator wrote.</summary>
internal static class ApiKeyTestSupport
{
    public static async Task ApplyAsync(OperatorFixture fixture, string yaml) =>
        (await fixture.Kubectl.RunAsync("apply -f -", yaml)).EnsureSuccess();

    public static async Task WaitReadyAsync(OperatorFixture fixture, string ns, string name) =>
        (await fixture.Kubectl.RunAsync($"wait --for=condition=Ready apikey/{name} -n {ns} --timeout=60s", timeout: TimeSpan.FromSeconds(90))).EnsureSuccess();

    public static string ApiKeyYaml(string ns, string name, string specYaml) =>
        $"apiVersion: keyoperator.io/v1alpha1\nkind: ApiKey\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{specYaml}";

    public static Task<Secret> GetSecretAsync(OperatorFixture fixture, string ns, string name) =>
        fixture.Environment.Client.GetAsync(ResourceType.Secrets, ns, name, KubernetesJsonContext.Default.Secret);

    public static async Task<JsonObject> GetApiKeyJsonAsync(OperatorFixture fixture, string ns, string name)
    {
        KubectlResult result = (await fixture.Kubectl.RunAsync($"get apikey {name} -n {ns} -o json")).EnsureSuccess();
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds; the operator reacts to watch events, not to the test. A 404 from
    /// the probe counts as "not yet": an object being recreated is briefly absent.
    /// </summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            string last;
            try
            {
                T value = await probe();
                if (condition(value))
                {
                    return value;
                }

                last = value?.ToString() ?? "null";
            }
            catch (Kubernetes.Errors.NotFoundException ex)
            {
                last = ex.Message;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last value: {last}");
            }

            await Task.Delay(200);
        }
    }

    public static string VersionOf(Secret secret) => secret.Metadata.Annotations?.GetValueOrDefault("keyoperator.io/version") ?? "";

    public static async Task<string> EventsAsync(OperatorFixture fixture, string ns) =>
        (await fixture.Kubectl.RunAsync($"get events.events.k8s.io -n {ns} -o json")).EnsureSuccess().StandardOutput;
}
