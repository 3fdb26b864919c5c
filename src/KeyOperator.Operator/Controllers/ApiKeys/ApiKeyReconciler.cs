// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.Controllers.RotationPolicies;
using KeyOperator.Hsm;
using KeyOperator.Operator.Hsm;
using KeyOperator.Operator.Keys;
using KeyOperator.Operator.Rotation;
using KeyOperator.Runtime.Conditions;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Events;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Makes an ApiKey's Secret hold a well-formed key of the requested format, and repairs it when people or tools
/// delete, edit or take its name. Level-based: every decision is made from what the API server holds now.
/// </summary>
internal sealed partial class ApiKeyReconciler(
    IApiKeyStore apiKeys,
    ISecretStore secrets,
    IKeyGenerator generator,
    IEventRecorder events,
    VerifierPublisher verifier,
    ApiKeyStatusWriter statusWriter,
    ApiKeyRotator rotator,
    RotationPolicyResolver policies,
    RotationMetrics metrics,
    TimeProvider time,
    ILogger<ApiKeyReconciler> logger,
    HsmSourceGate? hsmGate = null,
    HsmKeyPairJanitor? hsmKeyPairs = null) : IReconciler<ApiKey>
{
    // How soon an ApiKey whose HSM failed is looked at again: nothing in the cluster changes when an HSM recovers or
    // a master key is created, so no watch event would wake it.
    private static readonly TimeSpan s_hsmRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_hsmWait = TimeSpan.FromMinutes(1);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ApiKey> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Deleted, or being deleted: the Secret and verifier ConfigMap are owned, so garbage collection removes them.
        // A deleting object never gets new work; only its HSM key pairs, which no garbage collector sees, are destroyed.
        ApiKey? cached = request.Object;
        if (cached is null || cached.Metadata.DeletionTimestamp is not null)
        {
            metrics.Forget(request.Key.Namespace, request.Key.Name);
            return cached is not null && HasFinalizer(cached) ? await FinalizeAsync(request, cancellationToken).ConfigureAwait(false) : ReconcileResult.Done;
        }

        // The common case, a converged key, is answered from the informer caches without a request: the cache's
        // ApiKey, and its Secret when that agrees with status while nothing rotates. Everything else (a missing,
        // foreign, tampered or newer Secret, a rotation under way, a bad spec) is read again from the server, since it
        // leads to writes and rotation steps that must start from what the server holds. Every write carries the
        // resourceVersion it read, so a stale cache costs a 409 and a requeue, never a wrong write.
        ApiKey apiKey = cached;
        SecretAssessment? assessment = null;
        V1Secret? secret = null;
        if (apiKey.Spec.TryGetFormat(out ApiKeyFormat format))
        {
            secret = await secrets.GetAsync(apiKey.Metadata.NamespaceProperty!, SecretNameOf(apiKey), ReadFrom.Cache, cancellationToken).ConfigureAwait(false);
            assessment = ApiKeySecretInspector.Assess(apiKey, format, secret);
        }

        if (assessment is null || !IsSteadyState(apiKey, assessment))
        {
            ApiKey? fresh = await apiKeys.GetAsync(request.Key.Namespace ?? string.Empty, request.Key.Name, cancellationToken).ConfigureAwait(false);
            if (fresh is null || fresh.Metadata.DeletionTimestamp is not null)
            {
                return ReconcileResult.Done;
            }

            apiKey = fresh;
            if (!apiKey.Spec.TryGetFormat(out format))
            {
                await statusWriter.WriteNotReadyAsync(apiKey, ApiKeyReasons.InvalidSpec, "spec sets more than one of token, hmac, rsa, ecdsa, basicAuth; set exactly one (or none for a token)", cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            }

            secret = await secrets.GetAsync(apiKey.Metadata.NamespaceProperty!, SecretNameOf(apiKey), ReadFrom.Server, cancellationToken).ConfigureAwait(false);
            assessment = ApiKeySecretInspector.Assess(apiKey, format, secret);
        }

        string secretName = SecretNameOf(apiKey);
        Log.Assessed(logger, apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name, assessment.Verdict);
        if (apiKey.Spec.Source?.Hsm is { } hsmSource && await RefuseHsmSourceAsync(apiKey, format, hsmSource, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        // The finalizer goes on before the first pair exists, so no pair is ever on the token without it.
        if (HsmKeyPairJanitor.HoldsKeyPairs(apiKey) && !HasFinalizer(apiKey))
        {
            apiKey = await apiKeys.ReplaceAsync(apiKey with { Metadata = apiKey.Metadata with { Finalizers = [.. apiKey.Metadata.Finalizers ?? [], ApiKeyConstants.Finalizers.HsmKeys] } }, cancellationToken).ConfigureAwait(false);
        }

        KeyRecord current;
        switch (assessment.Verdict)
        {
            case SecretVerdict.Foreign when !apiKey.Spec.AdoptExistingSecret:
                string message = $"Secret {secretName} exists and is not managed by this ApiKey; it is left untouched. Delete it, choose another spec.secretName, or set spec.adoptExistingSecret: true";
                Record(apiKey, EventTypes.Warning, ApiKeyReasons.SecretConflict, "Generate", message);
                await statusWriter.WriteNotReadyAsync(apiKey, ApiKeyReasons.SecretConflict, message, cancellationToken).ConfigureAwait(false);

                // A foreign Secret carries no label of ours, so no watch event will tell when it goes away.
                return ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(1));

            case SecretVerdict.Healthy:
                (current, secret) = await EnsureMetadataAsync(apiKey, format, secret!, assessment, cancellationToken).ConfigureAwait(false);
                break;

            default:
                try
                {
                    (current, secret) = await MintAsync(apiKey, format, secretName, secret, assessment, cancellationToken).ConfigureAwait(false);
                }
                catch (HsmException ex)
                {
                    Record(apiKey, EventTypes.Warning, HsmReason(ex), "Generate", ex.Message);
                    await statusWriter.WriteNotReadyAsync(apiKey, HsmReason(ex), ex.Message, cancellationToken).ConfigureAwait(false);
                    return ReconcileResult.RequeueAfter(ex.Failure == HsmFailure.Unavailable ? s_hsmRetry : s_hsmWait);
                }

                break;
        }

        // Between writing the Secret and committing status, a rotation's new version is in the Secret only; the
        // planner commits it. Adopting it here would look like someone else moved status on.
        bool rotationOwnsSecret = assessment.Verdict == SecretVerdict.Healthy
            && current.Version != apiKey.Status?.CurrentVersion
            && RotationStateCodec.FromJson(apiKey.Status?.Rotation) is { InProgress: true };
        if (!rotationOwnsSecret)
        {
            apiKey = await statusWriter.WriteReadyAsync(apiKey, format, secretName, current, cancellationToken).ConfigureAwait(false);
        }

        PolicyResolution policy = policies.Resolve(apiKey);
        // A Healthy Secret's data was not changed above (at most its metadata was repaired), so it can be reused.
        // The Secret as the server answered its last write (or as read when nothing was written): the rotator starts
        // from it instead of reading it again.
        V1Secret? known = secret;
        RotationRun run;
        try
        {
            run = await rotator.RunAsync(apiKey, format, secretName, policy.Policy, known, cancellationToken).ConfigureAwait(false);
        }
        catch (HsmException ex)
        {
            // The current key stays valid and Ready; the rotation resumes from its recorded step once the HSM answers.
            Record(apiKey, EventTypes.Warning, HsmReason(ex), "Rotate", "Rotation waits for the HSM: " + ex.Message);
            ApiKeyStatus blocked = apiKey.Status ?? new ApiKeyStatus();
            await statusWriter.WriteAsync(apiKey, blocked with
            {
                Conditions = statusWriter.SetCondition(blocked.Conditions, ApiKeyReasons.RotationBlocked, ConditionStatus.True, HsmReason(ex), ex.Message, apiKey.Metadata.Generation),
            }, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(ex.Failure == HsmFailure.Unavailable ? s_hsmRetry : s_hsmWait);
        }

        apiKey = run.ApiKey;
        if (run.Secret is { } published)
        {
            // The rotator publishes at its own steps; this catches everything else (first key, repairs, spec edits).
            await verifier.PublishFromSecretAsync(apiKey, format, published, current.Version, current.CreatedAt, cancellationToken).ConfigureAwait(false);
        }

        await WriteRotationStatusAsync(apiKey, policy, run, cancellationToken).ConfigureAwait(false);
        if (await SweepHsmKeyPairsAsync(apiKey, cancellationToken).ConfigureAwait(false) is { } sweepFailed)
        {
            return sweepFailed;
        }

        metrics.NextRotation(apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name!, run.NextRotation);
        if (run.RequeueAt is not { } requeueAt)
        {
            return ReconcileResult.Done;
        }

        // Exactly at the due time; the planner's one-second slack makes an early wake-up count as on time, and a
        // much earlier one just yields the same due time again.
        TimeSpan delay = requeueAt - time.GetUtcNow();
        return ReconcileResult.RequeueAfter(delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
    }

    private static string SecretNameOf(ApiKey apiKey) => apiKey.Spec.SecretName ?? apiKey.Metadata.Name!;

    private static string HsmReason(HsmException exception) => exception.Failure switch
    {
        HsmFailure.KeyMissing => ApiKeyReasons.HsmKeyMissing,
        HsmFailure.NotConfigured => ApiKeyReasons.HsmNotAllowed,
        _ => ApiKeyReasons.HsmUnavailable,
    };

    /// <summary>
    /// What the webhook would have denied, for ApiKeys stored without it: an HSM that is not configured or not allowed
    /// in the namespace (HsmNotAllowed), or a source the format cannot use (InvalidSpec). Nothing is generated then.
    /// </summary>
    private async Task<ReconcileResult?> RefuseHsmSourceAsync(ApiKey apiKey, ApiKeyFormat format, HsmSourceSpec hsm, CancellationToken cancellationToken)
    {
        string? invalid = format switch
        {
            ApiKeyFormat.Rsa or ApiKeyFormat.Ecdsa when !string.IsNullOrEmpty(hsm.MasterKeyLabel) =>
                "spec.source.hsm.masterKeyLabel must be absent for rsa and ecdsa (the key pair is generated inside the HSM)",
            ApiKeyFormat.Ecdsa when apiKey.Spec.Ecdsa?.Curve is not (null or EcdsaCurve.P256 or EcdsaCurve.P384) =>
                "spec.ecdsa.curve must be P-256 or P-384 with spec.source.hsm",
            ApiKeyFormat.Rsa or ApiKeyFormat.Ecdsa => null,
            _ when string.IsNullOrEmpty(hsm.MasterKeyLabel) => "spec.source.hsm.masterKeyLabel is required for token, hmac and basicAuth",
            _ => null,
        };
        if (invalid is not null)
        {
            await statusWriter.WriteNotReadyAsync(apiKey, ApiKeyReasons.InvalidSpec, invalid, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        string? refusal = hsmGate is null
            ? $"no HSM named \"{hsm.Name}\" is configured (none is configured)"
            : await hsmGate.RefusalAsync(hsm, apiKey.Metadata.NamespaceProperty ?? string.Empty, cancellationToken).ConfigureAwait(false);
        if (refusal is null)
        {
            return null;
        }

        Record(apiKey, EventTypes.Warning, ApiKeyReasons.HsmNotAllowed, "Generate", "spec.source.hsm.name: " + refusal);
        await statusWriter.WriteNotReadyAsync(apiKey, ApiKeyReasons.HsmNotAllowed, "spec.source.hsm.name: " + refusal, cancellationToken).ConfigureAwait(false);

        // Namespace labels and the settings file change without an event on the ApiKey.
        return ReconcileResult.RequeueAfter(s_hsmWait);
    }

    private static bool HasFinalizer(ApiKey apiKey) => apiKey.Metadata.Finalizers?.Contains(ApiKeyConstants.Finalizers.HsmKeys) == true;

    /// <summary>
    /// A deleting ApiKey with the HSM finalizer: destroy every pair on the token, then drop the finalizer. An HSM that
    /// does not answer keeps the finalizer (deleting the ApiKey must not orphan keys on the token) and says why.
    /// </summary>
    private async Task<ReconcileResult> FinalizeAsync(ReconcileRequest<ApiKey> request, CancellationToken cancellationToken)
    {
        ApiKey? apiKey = await apiKeys.GetAsync(request.Key.Namespace ?? string.Empty, request.Key.Name, cancellationToken).ConfigureAwait(false);
        if (apiKey is null || !HasFinalizer(apiKey))
        {
            return ReconcileResult.Done;
        }

        try
        {
            int pairs = hsmKeyPairs is null
                ? throw new HsmException(HsmFailure.Unavailable, null, "this operator has no HSM configured; the ApiKey's key pairs cannot be destroyed")
                : await hsmKeyPairs.DestroyAllAsync(apiKey, cancellationToken).ConfigureAwait(false);
            Record(apiKey, EventTypes.Normal, ApiKeyReasons.HsmKeysDestroyed, "Delete", FormattableString.Invariant($"Destroyed {pairs} key pair(s) in HSM {apiKey.Spec.Source?.Hsm?.Name}"));
        }
        catch (HsmException ex)
        {
            Record(apiKey, EventTypes.Warning, ApiKeyReasons.HsmUnavailable, "Delete", "Deletion waits for the HSM: " + ex.Message);
            await statusWriter.WriteNotReadyAsync(apiKey, ApiKeyReasons.HsmUnavailable, "Deletion waits for the HSM to destroy the key pairs: " + ex.Message, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(s_hsmRetry);
        }

        List<string> rest = [.. apiKey.Metadata.Finalizers!.Where(f => f != ApiKeyConstants.Finalizers.HsmKeys)];
        await apiKeys.ReplaceAsync(apiKey with { Metadata = apiKey.Metadata with { Finalizers = rest } }, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    /// <summary>Destroys the pairs of retired and replaced versions (after the Secret and status moved past them).</summary>
    private async Task<ReconcileResult?> SweepHsmKeyPairsAsync(ApiKey apiKey, CancellationToken cancellationToken)
    {
        if (hsmKeyPairs is null || !HsmKeyPairJanitor.HoldsKeyPairs(apiKey))
        {
            return null;
        }

        try
        {
            foreach (int version in await hsmKeyPairs.SweepAsync(apiKey, cancellationToken).ConfigureAwait(false))
            {
                Record(apiKey, EventTypes.Normal, ApiKeyReasons.HsmKeysDestroyed, "Retire", FormattableString.Invariant($"Destroyed the key pair of version {version} in HSM {apiKey.Spec.Source?.Hsm?.Name}"));
            }

            return null;
        }
        catch (HsmException ex)
        {
            // The key in the Secret stays valid; only the clean-up of a retired pair waits.
            Record(apiKey, EventTypes.Warning, HsmReason(ex), "Retire", "Destroying a retired key pair waits for the HSM: " + ex.Message);
            return ReconcileResult.RequeueAfter(s_hsmRetry);
        }
    }

    private static bool IsSteadyState(ApiKey apiKey, SecretAssessment assessment) =>
        assessment.Verdict == SecretVerdict.Healthy
        && assessment.Version == apiKey.Status?.CurrentVersion
        && assessment.Fingerprint == apiKey.Status?.Fingerprint
        && RotationStateCodec.FromJson(apiKey.Status?.Rotation) is not { InProgress: true };

    private async Task WriteRotationStatusAsync(ApiKey apiKey, PolicyResolution policy, RotationRun run, CancellationToken cancellationToken)
    {
        ApiKeyStatus status = apiKey.Status ?? new ApiKeyStatus();
        long? generation = apiKey.Metadata.Generation;
        IReadOnlyList<Condition>? conditions = policy.Reason is null
            ? ApiKeyStatusWriter.RemoveCondition(status.Conditions, ApiKeyReasons.RotationPolicyReady)
            : statusWriter.SetCondition(status.Conditions, ApiKeyReasons.RotationPolicyReady, policy.Policy is null ? ConditionStatus.False : ConditionStatus.True, policy.Reason, policy.Message!, generation);
        bool wasBlocked = status.Conditions?.Any(c => c.Type == ApiKeyReasons.RotationBlocked && c.Status == ConditionStatus.True) == true;
        if (run.Blocked is { } blocked)
        {
            conditions = statusWriter.SetCondition(conditions, ApiKeyReasons.RotationBlocked, ConditionStatus.True, blocked.Reason, blocked.Message, generation);
            if (!wasBlocked)
            {
                metrics.Failed();
                Record(apiKey, EventTypes.Warning, ApiKeyReasons.RotationFailed, "Rotate", "Rotation blocked (" + blocked.Reason + "): " + blocked.Message);
            }
        }
        else
        {
            conditions = ApiKeyStatusWriter.RemoveCondition(conditions, ApiKeyReasons.RotationBlocked);
        }

        ApiKeyStatus next = status with
        {
            Conditions = conditions,
            NextRotationTime = run.NextRotation is { } nextRotation ? SecondPrecision.Truncate(nextRotation) : null,
        };
        await statusWriter.WriteAsync(apiKey, next, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(KeyRecord Key, V1Secret Written)> MintAsync(ApiKey apiKey, ApiKeyFormat format, string secretName, V1Secret? existing, SecretAssessment assessment, CancellationToken cancellationToken)
    {
        // A key derived in an HSM is the same value for the same version: a deleted or tampered Secret gets the current
        // version back rather than a new key every consumer would have to pick up.
        string? hsmName = apiKey.Spec.Source?.Hsm?.Name;
        bool restore = hsmName is not null && apiKey.Status?.CurrentVersion is > 0 && assessment.Verdict is SecretVerdict.Missing or SecretVerdict.Tampered;
        int version = restore ? apiKey.Status!.CurrentVersion!.Value : Math.Max(apiKey.Status?.CurrentVersion ?? 0, assessment.Version ?? 0) + 1;
        (string reason, string type, string note) = assessment.Verdict switch
        {
            SecretVerdict.Missing when restore =>
                (ApiKeyReasons.SecretRecreated, EventTypes.Warning, $"Secret {secretName} was deleted; restored key version {version} from HSM {hsmName}"),
            SecretVerdict.Tampered when restore =>
                (ApiKeyReasons.SecretTampered, EventTypes.Warning, $"Data of Secret {secretName} no longer matched version {version}; restored it from HSM {hsmName}"),
            SecretVerdict.Missing when apiKey.Status?.CurrentVersion is not null =>
                (ApiKeyReasons.SecretRecreated, EventTypes.Warning, $"Secret {secretName} was deleted; generated key version {version}"),
            SecretVerdict.Missing => (ApiKeyReasons.Generated, EventTypes.Normal, $"Generated key version {version} in Secret {secretName}"),
            SecretVerdict.Foreign => (ApiKeyReasons.SecretAdopted, EventTypes.Normal, $"Adopted Secret {secretName} and generated key version {version}"),
            SecretVerdict.SpecChanged => (ApiKeyReasons.Regenerated, EventTypes.Normal, $"Key parameters changed; generated key version {version}"),
            _ => (ApiKeyReasons.SecretTampered, EventTypes.Warning, $"Data of Secret {secretName} no longer matches the fingerprint of version {assessment.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}; treated as compromised and replaced by version {version}"),
        };

        using GeneratedKey key = await generator.GenerateAsync(apiKey, version, cancellationToken).ConfigureAwait(false);

        // During a grace period the previous version is restored beside it, as the rotation had left it.
        int? previousVersion = restore ? apiKey.Status?.Keys?.FirstOrDefault(k => k.State == KeyVersionState.Previous && k.Version < version)?.Version : null;
        using GeneratedKey? previous = previousVersion is { } p ? await generator.GenerateAsync(apiKey, p, cancellationToken).ConfigureAwait(false) : null;
        Dictionary<string, byte[]> data = SecretDataLayout.Compose(key, previous: previous?.Data);
        V1Secret desired = ApiKeySecretBuilder.Build(apiKey, format, secretName, key, data, existing);
        V1Secret written = existing is null
            ? await secrets.CreateAsync(desired, cancellationToken).ConfigureAwait(false)
            : await secrets.ReplaceAsync(desired, cancellationToken).ConfigureAwait(false);

        Log.Minted(logger, apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name, version, key.Fingerprint, assessment.Verdict);
        Record(apiKey, type, reason, "Generate", note);
        return (new KeyRecord(version, key.Fingerprint, SecondPrecision.Truncate(time.GetUtcNow()), VerifierPublisher.PublicEntries(format, data)), written);
    }

    private async Task<(KeyRecord Key, V1Secret Current)> EnsureMetadataAsync(ApiKey apiKey, ApiKeyFormat format, V1Secret secret, SecretAssessment assessment, CancellationToken cancellationToken)
    {
        int version = assessment.Version!.Value;
        string fingerprint = assessment.Fingerprint!;
        string specHash = ApiKeySecretInspector.SpecHash(apiKey.Spec, format);
        if (!ApiKeySecretBuilder.HasManagedMetadata(apiKey, secret.Metadata, version, fingerprint, specHash))
        {
            V1Secret repaired = ApiKeySecretBuilder.WithMetadata(secret, ApiKeySecretBuilder.WithManagedMetadata(apiKey, secret.Metadata, version, fingerprint, specHash));
            secret = await secrets.ReplaceAsync(repaired, cancellationToken).ConfigureAwait(false);
            Record(apiKey, EventTypes.Normal, ApiKeyReasons.SecretRepaired, "Repair", $"Restored the labels and annotations of Secret {secret.Metadata.Name}");
        }

        DateTimeOffset createdAt = apiKey.Status?.Keys?.FirstOrDefault(k => k.Version == version)?.CreatedAt
            ?? ObjectViews.Utc(secret.Metadata.CreationTimestamp)
            ?? time.GetUtcNow();
        return (new KeyRecord(version, fingerprint, createdAt, VerifierPublisher.PublicEntries(format, ObjectViews.Data(secret))), secret);
    }

    private void Record(ApiKey apiKey, string type, string reason, string action, string note) =>
        events.Record(
            new KeyOperator.Runtime.Events.ObjectReference(ApiKeyConstants.ApiVersion, ApiKeyConstants.Kind, apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name!, apiKey.Metadata.Uid),
            type,
            reason,
            action,
            note);
}
