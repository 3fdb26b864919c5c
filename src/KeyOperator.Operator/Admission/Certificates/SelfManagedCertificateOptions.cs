// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel.DataAnnotations;

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>Where the self-managed CA and serving certificate live, and how long they last.</summary>
public sealed class SelfManagedCertificateOptions
{
    /// <summary>The operator's namespace: holds the Secret and the webhook Service.</summary>
    [Required]
    public string Namespace { get; set; } = "key-operator";

    /// <summary>The Secret in <see cref="Namespace"/> that holds the CA and the serving certificate.</summary>
    [Required]
    public string SecretName { get; set; } = "key-operator-webhook-tls";

    /// <summary>The webhook Service; its in-cluster DNS names go into the serving certificate.</summary>
    [Required]
    public string ServiceName { get; set; } = "key-operator-webhook";

    /// <summary>The ValidatingWebhookConfiguration whose caBundle is kept in step.</summary>
    [Required]
    public string WebhookConfigurationName { get; set; } = "key-operator";

    /// <summary>Validity of a self-signed CA.</summary>
    public TimeSpan CaLifetime { get; set; } = TimeSpan.FromDays(730);

    /// <summary>Validity of a serving certificate.</summary>
    public TimeSpan ServingLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often each replica re-reads the Secret (to pick up another replica's renewal) and renews when due.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a new CA sits in caBundle before serving certificates signed by it are used, so every apiserver has
    /// seen the new bundle first. Must be longer than <see cref="RefreshInterval"/>.
    /// </summary>
    public TimeSpan CaPropagationDelay { get; set; } = TimeSpan.FromMinutes(5);
}
