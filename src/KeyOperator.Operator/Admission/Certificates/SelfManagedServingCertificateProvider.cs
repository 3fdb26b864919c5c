// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>
/// Serving certificate from a CA the operator creates itself and keeps in a Secret in its namespace. Every replica
/// runs this: all of them serve the certificate stored in the Secret, whichever replica renews it first wins through
/// resourceVersion preconditions, and the others adopt the result on their next refresh.
/// </summary>
internal sealed partial class SelfManagedServingCertificateProvider(
    ISecretStore secretStore,
    IWebhookConfigurationPatcher configurationPatcher,
    IOptions<AdmissionOptions> options,
    TimeProvider timeProvider,
    ILogger<SelfManagedServingCertificateProvider> logger) : IServingCertificateProvider
{
    private const int MaxAttempts = 3;

    private readonly SelfManagedCertificateOptions _options = options.Value.SelfManaged;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile X509Certificate2? _current;
    private string? _currentPem;
    private string? _publishedBundle;

    public X509Certificate2? Current => _current;

    public TimeSpan RefreshInterval => _options.RefreshInterval;

    // Internal for testing: the caBundle last written successfully.
    internal string? PublishedBundle => _publishedBundle;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<string> dnsNames = CertificateRenewal.DnsNamesFor(_options);
            for (int attempt = 0; attempt < MaxAttempts; attempt++)
            {
                StoredSecret? stored = await secretStore.GetAsync(_options.Namespace, _options.SecretName, cancellationToken).ConfigureAwait(false);
                DateTimeOffset now = timeProvider.GetUtcNow();
                WebhookCertificateState? state;
                if (stored is null)
                {
                    state = CertificateRenewal.CreateInitial(now, _options, dnsNames);
                    if (await secretStore.CreateAsync(_options.Namespace, _options.SecretName, state.ToData(), cancellationToken).ConfigureAwait(false) is null)
                    {
                        continue;
                    }

                    Log.Created(logger, _options.Namespace, _options.SecretName);
                }
                else
                {
                    WebhookCertificateState? existing = WebhookCertificateState.TryParse(stored.Data);
                    if (existing is null)
                    {
                        Log.Unreadable(logger, _options.Namespace, _options.SecretName);
                    }

                    state = existing is null
                        ? CertificateRenewal.CreateInitial(now, _options, dnsNames)
                        : CertificateRenewal.Next(existing, now, _options, dnsNames, _publishedBundle);
                    if (!ReferenceEquals(state, existing))
                    {
                        if (await secretStore.UpdateAsync(_options.Namespace, _options.SecretName, state.ToData(), stored.ResourceVersion, cancellationToken).ConfigureAwait(false) is null)
                        {
                            continue;
                        }

                        Log.Renewed(logger, _options.Namespace, _options.SecretName, state.Serving.NotAfter);
                    }
                }

                Serve(state);
                await PublishBundleAsync(state.TrustedPem, cancellationToken).ConfigureAwait(false);
                return;
            }

            Log.ConflictsExhausted(logger, _options.Namespace, _options.SecretName);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void Serve(WebhookCertificateState state)
    {
        string pem = state.ServingPem;
        if (pem != _currentPem)
        {
            _current = state.Serving;
            _currentPem = pem;
        }
    }

    private async Task PublishBundleAsync(string bundle, CancellationToken cancellationToken)
    {
        try
        {
            await configurationPatcher.EnsureCaBundleAsync(_options.WebhookConfigurationName, bundle, cancellationToken).ConfigureAwait(false);
            _publishedBundle = bundle;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The webhook configuration may not be installed yet; the next refresh tries again, and serving
            // certificates from a new CA wait until this has succeeded.
            Log.PublishFailed(logger, _options.WebhookConfigurationName, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7121, LogLevel.Information, "Created webhook CA and serving certificate in Secret {Namespace}/{Name}", EventName = "WebhookCertificateCreated")]
        public static partial void Created(ILogger logger, string @namespace, string name);

        [LoggerMessage(7122, LogLevel.Information, "Renewed webhook certificates in Secret {Namespace}/{Name}; serving certificate valid until {NotAfter}", EventName = "WebhookCertificateRenewed")]
        public static partial void Renewed(ILogger logger, string @namespace, string name, DateTime notAfter);

        [LoggerMessage(7123, LogLevel.Warning, "Secret {Namespace}/{Name} does not hold a readable webhook CA; replacing it", EventName = "WebhookCertificateUnreadable")]
        public static partial void Unreadable(ILogger logger, string @namespace, string name);

        [LoggerMessage(7124, LogLevel.Warning, "Secret {Namespace}/{Name} kept changing under us; retrying on the next refresh", EventName = "WebhookCertificateConflicts")]
        public static partial void ConflictsExhausted(ILogger logger, string @namespace, string name);

        [LoggerMessage(7125, LogLevel.Warning, "Could not update caBundle of ValidatingWebhookConfiguration {Name}", EventName = "WebhookCaBundlePublishFailed")]
        public static partial void PublishFailed(ILogger logger, string name, Exception exception);
    }
}
