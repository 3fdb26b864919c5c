// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Certificates;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Review;
using KeyOperator.Operator.Admission.Server;
using KeyOperator.Operator.Admission.Validation;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

using KeyOperator.Operator.Hsm;

namespace KeyOperator.Operator.Admission;

/// <summary>Registers the validating admission webhook.</summary>
internal static class AdmissionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the webhook: its options (validated when the host starts), validators, the policy from <see cref="AdmissionOptions.PolicyFile"/> (read once; a bad file
    /// fails start-up), the serving certificate (files when both are set, else self-managed) with its refresh loop,
    /// and the Kestrel HTTPS listener. The caller registers the seams: <see cref="IManagedSecretLookup"/>,
    /// <see cref="IRotationPolicyLookup"/>, <see cref="INamespaceLabelLookup"/>, and in self-managed mode
    /// <see cref="ISecretStore"/> and <see cref="IWebhookConfigurationPatcher"/>. Pre-registered services of these
    /// types (or of <see cref="IServingCertificateProvider"/> / <see cref="IAdmissionPolicyProvider"/>) are kept.
    /// </summary>
    public static IServiceCollection AddKeyOperatorAdmission(this IServiceCollection services, Action<AdmissionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdmissionOptions>, AdmissionOptionsValidator>());
        services.AddOptions<AdmissionOptions>().Configure(configure ?? (static _ => { })).ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddHsmServices();
        services.TryAddSingleton<IAdmissionPolicyProvider>(sp =>
            StaticAdmissionPolicyProvider.FromFile(sp.GetRequiredService<IOptions<AdmissionOptions>>().Value.PolicyFile));
        services.TryAddSingleton<IServingCertificateProvider>(sp =>
            sp.GetRequiredService<IOptions<AdmissionOptions>>().Value.UsesCertificateFiles
                ? ActivatorUtilities.CreateInstance<FileServingCertificateProvider>(sp)
                : ActivatorUtilities.CreateInstance<SelfManagedServingCertificateProvider>(sp));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionValidator, ApiKeyValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionValidator, RotationPolicyValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAdmissionValidator, ExternalCredentialValidator>());
        services.AddSingleton<IAdmissionValidator>(new StructuralValidator(AdmissionKinds.WebhookEndpoint));
        services.TryAddSingleton<AdmissionReviewer>();
        services.TryAddSingleton<AdmissionHttpHandler>();
        services.AddHostedService<CertificateRefreshService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KestrelServerOptions>, AdmissionKestrelSetup>());
        return services;
    }
}
