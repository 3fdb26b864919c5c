// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel.DataAnnotations;
using KeyOperator.Operator.Admission.Certificates;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Admission;

/// <summary>Settings of the validating admission webhook server.</summary>
public sealed class AdmissionOptions
{
    /// <summary>The apiserver's own limit for a request body; larger bodies get 413.</summary>
    public const long DefaultMaxRequestBodyBytes = 3 * 1024 * 1024;

    /// <summary>HTTPS port the webhook listens on (the Service maps 443 to it). 0 picks a free port (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 9443;

    /// <summary>Address to bind; null binds every interface.</summary>
    public string? ListenAddress { get; set; }

    /// <summary>
    /// When true (default) <see cref="AdmissionServiceCollectionExtensions.AddKeyOperatorAdmission"/> adds the HTTPS
    /// listener to Kestrel. Set false to add it yourself with <see cref="AdmissionKestrelExtensions.UseAdmissionHttps"/>.
    /// </summary>
    public bool ConfigureKestrel { get; set; } = true;

    /// <summary>
    /// PEM certificate (chain) file, e.g. a mounted cert-manager Secret's tls.crt. With <see cref="PrivateKeyFile"/>
    /// it selects file mode; with neither the operator manages its own CA (<see cref="SelfManaged"/>). One without
    /// the other fails validation at start.
    /// </summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key file (tls.key).</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>How often mounted certificate files are checked for changes.</summary>
    public TimeSpan CertificateFileCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>--policy-file</c> path; null means no cluster policy beyond the built-in rules.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>Largest request body accepted; larger ones get 413. The apiserver's own limit by default.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Budget for one decision, below the webhook's timeoutSeconds (5) so the apiserver gets an answer.</summary>
    public TimeSpan EvaluationTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>The self-managed CA and serving certificate, used when no certificate files are given.</summary>
    [ValidateObjectMembers]
    public SelfManagedCertificateOptions SelfManaged { get; } = new();

    internal bool UsesCertificateFiles => !string.IsNullOrEmpty(CertificateFile) && !string.IsNullOrEmpty(PrivateKeyFile);
}
