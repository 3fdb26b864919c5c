// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Models;
using KeyOperator.Kubernetes.Serialization;

namespace KeyOperator.Kubernetes.Tests.Integration;

[Collection(ControlPlaneCollection.Name)]
[Trait("Cluster", "Any")]
public sealed class CustomResourceTests(ControlPlaneFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly KubernetesClient _client = fixture.Client;

    // A group of its own on a long-lived cluster, so no earlier run's definition (or a concurrent run's) is in the way.
    private readonly ResourceType _widgets = new()
    {
        Group = fixture.UniqueName("test") + ".keyoperator.io", Version = "v1", Plural = "widgets", Kind = "Widget", Namespaced = true,
    };

    [Fact]
    public async Task CustomResource_DefinedByTypedCrd_ServesVerbsStatusAndFieldValidation()
    {
        await EnsureCrdAsync();
        string ns = await fixture.NewNamespaceAsync();
        JsonObject Widget(string name, JsonObject spec) => new()
        {
            ["apiVersion"] = _widgets.ApiVersion,
            ["kind"] = _widgets.Kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = spec,
        };

        JsonObject created = await _client.CreateObjectAsync(_widgets, Widget("w1", new JsonObject { ["size"] = 3 }));
        var strict = await Assert.ThrowsAnyAsync<KubernetesApiException>(() => _client.CreateObjectAsync(
            _widgets, Widget("w2", new JsonObject { ["size"] = 1, ["bogus"] = true }), new WriteOptions { FieldValidation = "Strict" }));
        JsonObject applied = await _client.ApplyStatusAsync(
            _widgets,
            new JsonObject { ["metadata"] = new JsonObject { ["name"] = "w1", ["namespace"] = ns }, ["status"] = new JsonObject { ["phase"] = "Ready" } },
            KubernetesJsonContext.Default.JsonObject,
            new ApplyOptions { FieldManager = "widget-controller", Force = true });
        JsonObject resized = applied.DeepClone().AsObject();
        resized["spec"]!["size"] = 5;
        JsonObject replacedSpec = await _client.ReplaceObjectAsync(_widgets, resized);

        var warnings = new List<string>();
        using (KubernetesClient warned = fixture.CreateClient(new KubernetesClientOptions { OnWarning = warnings.Add }))
        {
            await warned.CreateObjectAsync(_widgets, Widget("w3", new JsonObject { ["size"] = 1, ["extra"] = true }), new WriteOptions { FieldValidation = "Warn" });
        }

        Assert.Contains(warnings, w => w.Contains("extra", StringComparison.Ordinal));
        Assert.Equal(3, (int?)created["spec"]!["size"]);
        Assert.Contains(strict.StatusCode, new[] { 400, 422 });
        Assert.Equal("Ready", (string?)applied["status"]!["phase"]);
        Assert.Equal(5, (int?)replacedSpec["spec"]!["size"]);
        Assert.Equal("Ready", (string?)replacedSpec["status"]!["phase"]);
    }

    [Fact]
    public async Task ValidatingWebhookConfiguration_TypedModel_CreatesAndReadsBack()
    {
        string name = $"widgets.{_widgets.Group}";
        var configuration = new ValidatingWebhookConfiguration
        {
            Metadata = new ObjectMeta { Name = name },
            Webhooks =
            [
                new ValidatingWebhook
                {
                    Name = name,
                    ClientConfig = new WebhookClientConfig
                    {
                        Service = new WebhookServiceReference { Namespace = "default", Name = "webhook", Path = "/validate" },
                        CaBundle = "-----BEGIN CERTIFICATE-----"u8.ToArray(),
                    },
                    Rules = [new RuleWithOperations { Operations = ["CREATE", "UPDATE"], ApiGroups = [_widgets.Group], ApiVersions = ["v1"], Resources = ["widgets"] }],
                    SideEffects = "None",
                    AdmissionReviewVersions = ["v1"],
                    FailurePolicy = "Ignore",
                },
            ],
        };

        fixture.DeleteAtDispose(ResourceType.ValidatingWebhookConfigurations, name);
        await _client.CreateAsync(ResourceType.ValidatingWebhookConfigurations, configuration, KubernetesJsonContext.Default.ValidatingWebhookConfiguration);
        ValidatingWebhookConfiguration read = await _client.GetAsync(
            ResourceType.ValidatingWebhookConfigurations, null, name, KubernetesJsonContext.Default.ValidatingWebhookConfiguration);
        await _client.DeleteAsync(ResourceType.ValidatingWebhookConfigurations, null, name);

        ValidatingWebhook webhook = Assert.Single(read.Webhooks!);
        Assert.Equal("/validate", webhook.ClientConfig.Service!.Path);
        Assert.Equal(configuration.Webhooks[0].ClientConfig.CaBundle, webhook.ClientConfig.CaBundle);
    }

    private async Task EnsureCrdAsync()
    {
        var crd = new CustomResourceDefinition
        {
            Metadata = new ObjectMeta { Name = $"widgets.{_widgets.Group}" },
            Spec = new CustomResourceDefinitionSpec
            {
                Group = _widgets.Group,
                Scope = "Namespaced",
                Names = new CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget", ListKind = "WidgetList" },
                Versions =
                [
                    new CustomResourceDefinitionVersion
                    {
                        Name = "v1",
                        Served = true,
                        Storage = true,
                        Subresources = new CustomResourceSubresources { Status = [] },
                        AdditionalPrinterColumns = [new CustomResourceColumnDefinition { Name = "Size", Type = "integer", JsonPath = ".spec.size" }],
                        Schema = new CustomResourceValidation
                        {
                            OpenApiV3Schema = JsonNode.Parse("""
                                {"type":"object","properties":{
                                  "spec":{"type":"object","properties":{"size":{"type":"integer"}}},
                                  "status":{"type":"object","properties":{"phase":{"type":"string"}}}}}
                                """)!.AsObject(),
                        },
                    },
                ],
            },
        };
        string name = crd.Metadata.Name!;
        fixture.DeleteAtDispose(ResourceType.CustomResourceDefinitions, name);
        if (await _client.TryGetAsync(ResourceType.CustomResourceDefinitions, null, name, KubernetesJsonContext.Default.CustomResourceDefinition) is null)
        {
            await _client.CreateAsync(ResourceType.CustomResourceDefinitions, crd, KubernetesJsonContext.Default.CustomResourceDefinition);
        }

        // A real API server establishes a new definition asynchronously, and serves the resource a moment after that.
        using var cts = new CancellationTokenSource(Patience);
        while (!IsEstablished(await _client.GetAsync(ResourceType.CustomResourceDefinitions, null, name, KubernetesJsonContext.Default.CustomResourceDefinition, cancellationToken: cts.Token)))
        {
            await Task.Delay(100, cts.Token);
        }

        while (true)
        {
            try
            {
                await _client.ListObjectsAsync(_widgets, null, cancellationToken: cts.Token);
                return;
            }
            catch (NotFoundException)
            {
                await Task.Delay(100, cts.Token);
            }
        }
    }

    private static bool IsEstablished(CustomResourceDefinition crd) =>
        crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
}
