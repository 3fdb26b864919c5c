// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KeyOperator.Runtime.Client;
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

    public static Task<V1Secret> GetSecretAsync(OperatorFixture fixture, string ns, string name) =>
        fixture.Environment.Client.CoreV1.ReadNamespacedSecretAsync(name, ns);

    /// <summary>The Secret, or null while it does not exist.</summary>
    public static Task<V1Secret?> TryGetSecretAsync(OperatorFixture fixture, string ns, string name) =>
        fixture.Environment.Client.TryReadSecretAsync(ns, name);

    /// <summary>The ConfigMap, or null while it does not exist.</summary>
    public static Task<V1ConfigMap?> TryGetConfigMapAsync(OperatorFixture fixture, string ns, string name) =>
        fixture.Environment.Client.TryReadConfigMapAsync(ns, name);

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
            catch (Exception ex) when (KubernetesErrors.IsNotFound(ex))
            {
                last = KubernetesErrors.Message(ex);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last value: {last}");
            }

            await Task.Delay(200);
        }
    }

    public static string VersionOf(V1Secret secret) => Annotation(secret, "keyoperator.io/version") ?? "";

    /// <summary>An annotation of the object, or null (the library's models hold a mutable, possibly null, dictionary).</summary>
    public static string? Annotation(IMetadata<V1ObjectMeta> obj, string key) =>
        obj.Metadata?.Annotations is { } annotations && annotations.TryGetValue(key, out string? value) ? value : null;

    public static async Task<string> EventsAsync(OperatorFixture fixture, string ns) =>
        (await fixture.Kubectl.RunAsync($"get events.events.k8s.io -n {ns} -o json")).EnsureSuccess().StandardOutput;
}
