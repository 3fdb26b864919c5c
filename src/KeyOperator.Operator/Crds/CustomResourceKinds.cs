// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Crds;

/// <summary>
/// The registry of KeyOperator's kinds: one entry per kind, the single list the CRD generator, the Helm chart and
/// the tests read. A new kind (RotationPolicy, ExternalCredential, WebhookEndpoint) adds its entry here and its root
/// type to <c>OperatorJsonContext</c>.
/// </summary>
internal static class CustomResourceKinds
{
    /// <summary>Printer column showing how long ago the object was created; kubectl's default, repeated explicitly.</summary>
    public static V1CustomResourceColumnDefinition AgeColumn { get; } = new() { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp" };

    /// <summary>Printer column showing the Ready condition's status.</summary>
    public static V1CustomResourceColumnDefinition ReadyColumn { get; } = new()
    {
        Name = "Ready",
        Type = "string",
        JsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        Description = "Whether the object is reconciled and usable.",
    };

    /// <summary>The ApiKey kind.</summary>
    public static CustomResourceKind ApiKey { get; } = new()
    {
        Group = ApiKeyConstants.Group,
        Version = ApiKeyConstants.Version,
        Kind = ApiKeyConstants.Kind,
        Plural = ApiKeyConstants.Plural,
        Singular = ApiKeyConstants.Singular,
        ShortNames = [ApiKeyConstants.ShortName],
        Categories = ["keyoperator", "all"],
        RootType = typeof(ApiKey),
        PrinterColumns =
        [
            ReadyColumn,
            new() { Name = "Format", Type = "string", JsonPath = ".status.format", Description = "Kind of key material." },
            new() { Name = "Version", Type = "integer", JsonPath = ".status.currentVersion", Description = "Version number of the current key." },
            // A string, not a date: kubectl renders date columns as an age and prints "<invalid>" for a future time.
            new() { Name = "Next Rotation", Type = "string", JsonPath = ".status.nextRotationTime", Description = "When the next scheduled rotation is due (UTC)." },
            AgeColumn,
        ],
    };

    /// <summary>The RotationPolicy kind (types owned by the rotation feature).</summary>
    public static CustomResourceKind RotationPolicy { get; } = new()
    {
        Group = RotationPolicyConstants.Group,
        Version = RotationPolicyConstants.Version,
        Kind = RotationPolicyConstants.Kind,
        Plural = RotationPolicyConstants.Plural,
        Singular = RotationPolicyConstants.Singular,
        ShortNames = [RotationPolicyConstants.ShortName],
        Categories = RotationPolicyConstants.Categories,
        RootType = typeof(RotationPolicy),
        PrinterColumns =
        [
            ReadyColumn,
            new() { Name = "Strategy", Type = "string", JsonPath = ".spec.strategy", Description = "Overlapping or Immediate." },
            new() { Name = "Every", Type = "string", JsonPath = ".spec.schedule.every", Description = "Fixed rotation interval." },
            new() { Name = "Cron", Type = "string", JsonPath = ".spec.schedule.cron", Description = "Cron rotation schedule." },
            AgeColumn,
        ],
    };

    /// <summary>The ExternalCredential kind.</summary>
    public static CustomResourceKind ExternalCredential { get; } = new()
    {
        Group = ExternalCredentialConstants.Group,
        Version = ExternalCredentialConstants.Version,
        Kind = ExternalCredentialConstants.Kind,
        Plural = ExternalCredentialConstants.Plural,
        Singular = ExternalCredentialConstants.Singular,
        ShortNames = [ExternalCredentialConstants.ShortName],
        Categories = ["keyoperator", "all"],
        RootType = typeof(ExternalCredential),
        PrinterColumns =
        [
            new() { Name = "Provider", Type = "string", JsonPath = ".status.provider", Description = "The store synced from." },
            ReadyColumn,
            new() { Name = "Last Sync", Type = "date", JsonPath = ".status.lastSyncTime", Description = "When the store was last read successfully." },
            AgeColumn,
        ],
    };

    /// <summary>Every kind, in the order their manifests are generated.</summary>
    public static IReadOnlyList<CustomResourceKind> All { get; } = [ApiKey, RotationPolicy, ExternalCredential];
}
