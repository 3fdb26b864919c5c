// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text.Json.Nodes;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Hsm;

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>
/// ApiKey rules beyond the CRD schema: the cluster's strength floors and allowed formats, one format block,
/// same-namespace references, one ApiKey per Secret, and (per namespace selector) a required RotationPolicy.
/// A missing RotationPolicy is only a warning: objects may be applied in any order.
/// </summary>
internal sealed class ApiKeyValidator(
    IManagedSecretLookup managedSecrets,
    IRotationPolicyLookup rotationPolicies,
    INamespaceLabelLookup namespaceLabels,
    HsmCatalog? hsms = null) : IAdmissionValidator
{
    private const string NamespaceNameLabel = "kubernetes.io/metadata.name";
    private const string ManagedByLabel = ApiKeyConstants.Labels.ManagedBy;
    private const string ReservedAnnotationPrefix = "keyoperator.io/";

    // The defaults of the agreed ApiKey shape: policy floors apply to the effective value, defaulted or not.
    private const long DefaultEntropyBits = TokenSpec.DefaultEntropyBits;
    private const long DefaultHmacBytes = HmacSpec.DefaultBytes;
    private const long DefaultRsaBits = RsaSpec.DefaultBits;

    private static readonly string[] s_formats = ["token", "hmac", "rsa", "ecdsa", "basicAuth"];

    public string Group => AdmissionKinds.Group;

    public string Version => AdmissionKinds.Version;

    public string Kind => AdmissionKinds.ApiKey;

    public async ValueTask ValidateAsync(AdmissionContext context, JsonObject obj, AdmissionFindings findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(findings);
        if (!obj.ContainsKey("spec") || obj["spec"] is null)
        {
            obj = new JsonObject { ["spec"] = new JsonObject() };
        }

        JsonObject? spec = JsonFields.Object(obj, "spec", "spec", findings);
        if (spec is null)
        {
            return;
        }

        CheckFormat(context.Policy, spec, findings);
        CheckSecretTemplate(spec, findings);
        CheckRestartTargets(context, spec, findings);
        await CheckSecretNameAsync(context, spec, findings, cancellationToken).ConfigureAwait(false);
        await CheckRotationAsync(context, spec, findings, cancellationToken).ConfigureAwait(false);
        await CheckHsmSourceAsync(context, spec, findings, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CheckHsmSourceAsync(AdmissionContext context, JsonObject spec, AdmissionFindings findings, CancellationToken cancellationToken)
    {
        JsonObject? source = JsonFields.Object(spec, "source", "spec.source", findings);
        JsonObject? hsm = source is null ? null : JsonFields.Object(source, "hsm", "spec.source.hsm", findings);
        string? name = hsm is null ? null : JsonFields.String(hsm, "name", "spec.source.hsm.name", findings);
        if (hsm is null || name is null)
        {
            return;
        }

        bool keyPair = JsonFields.IsPresent(spec, "rsa") || JsonFields.IsPresent(spec, "ecdsa");
        string? masterKeyLabel = JsonFields.String(hsm, "masterKeyLabel", "spec.source.hsm.masterKeyLabel", findings);
        if (keyPair && JsonFields.IsPresent(hsm, "masterKeyLabel"))
        {
            // A key pair is generated in the HSM, not derived: a master key label would be silently ignored.
            findings.Deny("spec.source.hsm.masterKeyLabel", "must be absent for rsa and ecdsa (the key pair is generated inside the HSM, not derived from a master key)", "rule hsmMasterKey");
        }
        else if (!keyPair && masterKeyLabel is not { Length: > 0 })
        {
            findings.Deny("spec.source.hsm.masterKeyLabel", "is required for token, hmac and basicAuth (the label of the master key on the token)", "rule hsmMasterKey");
        }

        if (JsonFields.IsPresent(spec, "ecdsa") && spec["ecdsa"] is JsonObject ecdsa && ecdsa["curve"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && ecdsa["curve"]!.GetValue<string>() is not ("P-256" or "P-384"))
        {
            findings.Deny("spec.ecdsa.curve", "must be P-256 or P-384 with spec.source.hsm (HSM-resident key pairs)", "rule hsmFormats");
        }

        // The HSM settings are the cluster operator's: which HSMs exist and which namespaces may use each.
        HsmSourceSpec reference = new() { Name = name };
        HsmDefinition? definition = hsms?.Settings.Find(name);
        IReadOnlyDictionary<string, string>? labels = definition is not null && (definition.NamespaceSelector.MatchLabels.Count > 0 || definition.NamespaceSelector.MatchExpressions.Count > 0)
            ? await namespaceLabels.GetLabelsAsync(context.Namespace, cancellationToken).ConfigureAwait(false)
            : null;
        string? refusal = hsms is null ? $"no HSM named \"{name}\" is configured (none is configured)" : hsms.Refusal(reference, context.Namespace, labels);
        if (refusal is not null)
        {
            findings.Deny("spec.source.hsm.name", refusal, "hsm namespaceSelector");
        }
    }

    private static void CheckFormat(AdmissionPolicy policy, JsonObject spec, AdmissionFindings findings)
    {
        string[] present = [.. s_formats.Where(format => JsonFields.IsPresent(spec, format))];
        if (present.Length > 1)
        {
            findings.Deny("spec", $"exactly one of {string.Join(", ", s_formats)} may be set, found {string.Join(" and ", present)}", "rule oneFormat");
            return;
        }

        string format = present.Length == 1 ? present[0] : "token";
        string path = $"spec.{format}";
        if (policy.AllowedFormats is { } allowed && !allowed.Contains(format, StringComparer.Ordinal))
        {
            string list = allowed.Count == 0 ? "none" : string.Join(", ", allowed);
            findings.Deny(path, $"format {format} is not allowed in this cluster (allowed: {list})", "policy allowedFormats");
        }

        JsonObject block = JsonFields.Object(spec, format, path, findings) ?? [];
        switch (format)
        {
            case "token":
                CheckMinimum(block, "entropyBits", DefaultEntropyBits, policy.MinTokenEntropyBits, path, "minTokenEntropyBits", findings);
                string? prefix = JsonFields.String(block, "prefix", $"{path}.prefix", findings);
                if (prefix is { Length: > 0 } && !prefix.EndsWith('_'))
                {
                    findings.Warn($"{path}.prefix", $"\"{prefix}\" should end with \"_\" so the key type stays recognisable", "rule prefixConvention");
                }

                break;
            case "hmac":
                CheckMinimum(block, "bytes", DefaultHmacBytes, policy.MinHmacBytes, path, "minHmacBytes", findings);
                break;
            case "rsa":
                CheckMinimum(block, "bits", DefaultRsaBits, policy.MinRsaBits, path, "minRsaBits", findings);
                break;
        }
    }

    private static void CheckMinimum(JsonObject block, string field, long defaultValue, int? minimum, string path, string policyName, AdmissionFindings findings)
    {
        string fieldPath = $"{path}.{field}";
        long? value = JsonFields.Integer(block, field, defaultValue, fieldPath, findings);
        if (value is { } actual && minimum is { } floor && actual < floor)
        {
            string defaulted = block[field] is null ? " (the default)" : string.Empty;
            findings.Deny(
                fieldPath,
                string.Create(CultureInfo.InvariantCulture, $"{actual}{defaulted} is below the cluster minimum of {floor}"),
                $"policy {policyName}");
        }
    }

    private static void CheckSecretTemplate(JsonObject spec, AdmissionFindings findings)
    {
        JsonObject? template = JsonFields.Object(spec, "secretTemplate", "spec.secretTemplate", findings);
        if (template is null)
        {
            return;
        }

        JsonObject? labels = JsonFields.Object(template, "labels", "spec.secretTemplate.labels", findings);
        if (labels is not null && labels.ContainsKey(ManagedByLabel))
        {
            findings.Deny($"spec.secretTemplate.labels[\"{ManagedByLabel}\"]", "is set by the operator and cannot be overridden", "rule reservedMetadata");
        }

        JsonObject? annotations = JsonFields.Object(template, "annotations", "spec.secretTemplate.annotations", findings);
        foreach (string key in annotations?.Select(pair => pair.Key) ?? [])
        {
            if (key.StartsWith(ReservedAnnotationPrefix, StringComparison.Ordinal))
            {
                findings.Deny($"spec.secretTemplate.annotations[\"{key}\"]", $"annotations under {ReservedAnnotationPrefix} are set by the operator", "rule reservedMetadata");
            }
        }
    }

    private static void CheckRestartTargets(AdmissionContext context, JsonObject spec, AdmissionFindings findings)
    {
        JsonArray? targets = JsonFields.Array(spec, "restartTargets", "spec.restartTargets", findings);
        for (int i = 0; i < (targets?.Count ?? 0); i++)
        {
            string path = string.Create(CultureInfo.InvariantCulture, $"spec.restartTargets[{i}]");
            if (targets![i] is not JsonObject target)
            {
                findings.Deny(path, "must be an object", JsonFields.SchemaRule);
                continue;
            }

            CheckSameNamespace(context, target, path, findings);
        }
    }

    private async ValueTask CheckSecretNameAsync(AdmissionContext context, JsonObject spec, AdmissionFindings findings, CancellationToken cancellationToken)
    {
        string? secretName = JsonFields.String(spec, "secretName", "spec.secretName", findings);
        string path = secretName is null ? "metadata.name" : "spec.secretName";
        secretName ??= context.Name;
        if (secretName.Length == 0)
        {
            return;
        }

        if (secretName.Contains('/', StringComparison.Ordinal))
        {
            findings.Deny(path, $"\"{secretName}\" points into another namespace; an ApiKey only manages Secrets in its own namespace", "rule sameNamespace");
            return;
        }

        string? owner = await managedSecrets.FindOwnerAsync(context.Namespace, secretName, cancellationToken).ConfigureAwait(false);
        if (owner is not null && !string.Equals(owner, context.Name, StringComparison.Ordinal))
        {
            findings.Deny(path, $"Secret \"{secretName}\" is already managed by ApiKey \"{owner}\"", "rule uniqueSecretName");
        }
    }

    private async ValueTask CheckRotationAsync(AdmissionContext context, JsonObject spec, AdmissionFindings findings, CancellationToken cancellationToken)
    {
        const string path = "spec.rotationPolicyRef";
        JsonObject? reference = JsonFields.Object(spec, "rotationPolicyRef", path, findings);
        string? name = reference is null ? null : JsonFields.String(reference, "name", $"{path}.name", findings);
        if (reference is not null)
        {
            CheckSameNamespace(context, reference, path, findings);
        }

        if (!string.IsNullOrEmpty(name))
        {
            if (!await rotationPolicies.ExistsAsync(context.Namespace, name, cancellationToken).ConfigureAwait(false))
            {
                findings.Warn($"{path}.name", $"RotationPolicy \"{name}\" does not exist in namespace \"{context.Namespace}\" yet; the key will not rotate until it does", "rule referenceExists");
            }

            return;
        }

        if (context.Policy.RequireRotation is not { } requirement)
        {
            return;
        }

        IReadOnlyDictionary<string, string> labels =
            await namespaceLabels.GetLabelsAsync(context.Namespace, cancellationToken).ConfigureAwait(false)
            ?? new Dictionary<string, string> { [NamespaceNameLabel] = context.Namespace };
        if (requirement.NamespaceSelector.Matches(labels))
        {
            findings.Deny(path, $"is required in namespace \"{context.Namespace}\"", "policy requireRotation");
        }
    }

    private static void CheckSameNamespace(AdmissionContext context, JsonObject reference, string path, AdmissionFindings findings)
    {
        string? ns = JsonFields.String(reference, "namespace", $"{path}.namespace", findings);
        if (ns is { Length: > 0 } && !string.Equals(ns, context.Namespace, StringComparison.Ordinal))
        {
            findings.Deny($"{path}.namespace", $"\"{ns}\" is not the ApiKey's namespace \"{context.Namespace}\"; references across namespaces are refused", "rule sameNamespace");
        }
    }
}
