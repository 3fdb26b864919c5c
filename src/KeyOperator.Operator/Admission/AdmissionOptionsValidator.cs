// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Admission;

/// <summary>
/// Validates <see cref="AdmissionOptions"/> at start: the attributes (source-generated), then what they cannot say: a
/// certificate file without its key (or the reverse), which would otherwise fall back to a self-managed CA without a
/// word, and the durations (a TimeSpan range attribute is not trim-safe).
/// </summary>
internal sealed class AdmissionOptionsValidator : IValidateOptions<AdmissionOptions>
{
    private readonly AdmissionOptionsAttributeValidator _attributes = new();

    public ValidateOptionsResult Validate(string? name, AdmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptionsResultBuilder result = new();
        result.AddResult(_attributes.Validate(name, options));
        if (string.IsNullOrEmpty(options.CertificateFile) != string.IsNullOrEmpty(options.PrivateKeyFile))
        {
            result.AddError(
                "CertificateFile and PrivateKeyFile go together: both serve the certificate from files, neither makes the operator manage its own CA",
                string.IsNullOrEmpty(options.CertificateFile) ? nameof(options.CertificateFile) : nameof(options.PrivateKeyFile));
        }

        if (options.MaxRequestBodyBytes < 1)
        {
            result.AddError("must be positive", nameof(options.MaxRequestBodyBytes));
        }

        if (options.CertificateFileCheckInterval <= TimeSpan.Zero)
        {
            result.AddError("must be positive", nameof(options.CertificateFileCheckInterval));
        }

        if (options.EvaluationTimeout <= TimeSpan.Zero)
        {
            result.AddError("must be positive", nameof(options.EvaluationTimeout));
        }

        var selfManaged = options.SelfManaged;
        if (selfManaged.CaLifetime <= TimeSpan.Zero || selfManaged.ServingLifetime <= TimeSpan.Zero || selfManaged.RefreshInterval <= TimeSpan.Zero)
        {
            result.AddError("CaLifetime, ServingLifetime and RefreshInterval must be positive", nameof(options.SelfManaged));
        }

        if (selfManaged.CaPropagationDelay <= selfManaged.RefreshInterval)
        {
            // Shorter, a replica could serve a certificate of the new CA before every replica has put it into caBundle.
            result.AddError("CaPropagationDelay must be longer than RefreshInterval", nameof(options.SelfManaged));
        }

        return result.Build();
    }
}
