// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Operator.Admission.Generation;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator;

/// <summary>The manifests generated from the C# types: <c>key-operator generate</c> and <c>key-operator-local</c>'s installer.</summary>
public static class KeyOperatorManifests
{
    /// <summary>The CustomResourceDefinitions of KeyOperator's kinds as YAML, one file each (what <c>config/crd</c> holds).</summary>
    public static IReadOnlyList<(string FileName, string Yaml)> GenerateCrds() => CrdGenerator.GenerateAll();

    /// <summary>The same CustomResourceDefinitions as JSON objects, to apply through the API.</summary>
    public static IReadOnlyList<JsonObject> GenerateCrdObjects() => CrdGenerator.GenerateCrdObjects();

    /// <summary>The ValidatingWebhookConfiguration for KeyOperator's own kinds, as YAML.</summary>
    public static string GenerateWebhookConfiguration(WebhookConfigurationOptions options) => WebhookConfigurationGenerator.Generate(options);
}
