// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.Controllers.Restarts;
using KeyOperator.Operator.Keys;
using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Drives <see cref="RotationPlanner"/>: do the action, persist its state, re-read, ask again, until the planner
/// waits or is blocked. Every write carries a resourceVersion precondition, so a stale read or a second leader fails
/// with 409 (and the controller requeues) instead of overwriting a recorded step. Minted material lives only in
/// memory until the Secret is written; a failure in between loses nothing anybody could have seen.
/// </summary>
internal sealed partial class ApiKeyRotator(
    ISecretStore secrets,
    IKeyGenerator generator,
    ApiKeyStatusWriter statusWriter,
    WorkloadRestarter restarter,
    VerifierPublisher verifier,
    IEventRecorder events,
    RotationMetrics metrics,
    IOptions<KeyOperatorControllerOptions> options,
    TimeProvider time,
    ILogger<ApiKeyRotator> logger)
{
    // A full rotation takes seven steps; more means the state is not converging, and the controller retries later.
    private const int MaxSteps = 16;

    private readonly KeyOperatorControllerOptions _settings = options.Value;

    /// <param name="apiKey">The ApiKey as just read or written (its resourceVersion is the precondition of the first write).</param>
    /// <param name="format">The key format.</param>
    /// <param name="secretName">The Secret's name.</param>
    /// <param name="policy">The effective policy; null rotates only on request.</param>
    /// <param name="knownSecret">
    /// The Secret as the caller just read it, to save a read in the common case where nothing is due; null to read it.
    /// A stale resourceVersion only costs a 409 and a requeue.
    /// </param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    public async Task<RotationRun> RunAsync(ApiKey apiKey, ApiKeyFormat format, string secretName, EffectiveRotationPolicy? policy, V1Secret? knownSecret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        GeneratedKey? held = null;
        try
        {
            for (int step = 0; step < MaxSteps; step++)
            {
                V1Secret? secret = step == 0 && knownSecret is not null
                    ? knownSecret
                    : await secrets.GetAsync(apiKey.Metadata.NamespaceProperty, secretName, ReadFrom.Server, cancellationToken).ConfigureAwait(false);
                RotationState? state = RotationStateCodec.FromJson(apiKey.Status?.Rotation);
                IReadOnlyDictionary<RestartTarget, int> restarted = state is { Phase: RotationPhase.StatusCommitted }
                    ? await restarter.ReadRestartedVersionsAsync(apiKey.Metadata.NamespaceProperty!, WorkloadRestarter.EntryFor(apiKey), apiKey.Spec.RestartTargets ?? [], cancellationToken).ConfigureAwait(false)
                    : new Dictionary<RestartTarget, int>();
                RotationObservation observed = RotationObserver.Observe(apiKey, format, secret, restarted, held?.Fingerprint);
                RotationAction action = RotationPlanner.NextStep(observed, policy, time.GetUtcNow(), _settings.MinimumRotationInterval);
                Log.Step(logger, apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name, action.GetType().Name, state?.Phase.ToString() ?? "none");
                switch (action)
                {
                    case RotationAction.Wait wait:
                        return new RotationRun(apiKey, secret, wait.RequeueAt, null, RotationPlanner.NextScheduledRotation(observed, policy, _settings.MinimumRotationInterval));

                    case RotationAction.Blocked blocked:
                        return new RotationRun(apiKey, secret, null, blocked, RotationPlanner.NextScheduledRotation(observed, policy, _settings.MinimumRotationInterval));

                    case RotationAction.PersistState persist:
                        apiKey = await PersistAsync(apiKey, persist.NextState, cancellationToken).ConfigureAwait(false);
                        break;

                    case RotationAction.MintKey mint:
                        held?.Dispose();
                        held = await generator.GenerateAsync(apiKey, mint.TargetVersion, cancellationToken).ConfigureAwait(false);
                        apiKey = await PersistAsync(apiKey, mint.Complete(held.Fingerprint), cancellationToken).ConfigureAwait(false);
                        break;

                    case RotationAction.WriteSecret write:
                        await WriteSecretAsync(apiKey, format, secretName, secret!, held!, write, cancellationToken).ConfigureAwait(false);
                        break;

                    case RotationAction.CommitStatus commit:
                        apiKey = await CommitAsync(apiKey, commit.Commit, cancellationToken).ConfigureAwait(false);
                        break;

                    case RotationAction.TriggerRestarts restarts:
                        if (restarter.BatchDeferral(apiKey.Metadata.NamespaceProperty!, WorkloadRestarter.EntryFor(apiKey), restarts.Targets, state?.CommittedAt, time.GetUtcNow(), _settings.RestartBatch) is { } lookAgain)
                        {
                            // Nothing is written: the recorded phase stays StatusCommitted, so a crash meanwhile loses nothing.
                            Log.RestartsDeferred(logger, apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name, lookAgain);
                            return new RotationRun(apiKey, secret, lookAgain, null, RotationPlanner.NextScheduledRotation(observed, policy, _settings.MinimumRotationInterval));
                        }

                        // Verifiers learn the new key before restarted consumers start presenting it.
                        await PublishVerifierAsync(apiKey, format, secret!, cancellationToken).ConfigureAwait(false);
                        await restarter.RestartAsync(apiKey.Metadata.NamespaceProperty!, WorkloadRestarter.EntryFor(apiKey), restarts.Targets, restarts.Version, cancellationToken).ConfigureAwait(false);
                        apiKey = await PersistAsync(apiKey, restarts.NextState, cancellationToken).ConfigureAwait(false);
                        break;

                    case RotationAction.RetirePrevious retire:
                        apiKey = await RetireAsync(apiKey, format, secret!, retire, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }

            throw new InvalidOperationException("the rotation did not settle within " + MaxSteps.ToString(CultureInfo.InvariantCulture) + " steps");
        }
        catch (Exception ex) when (KubernetesErrors.StatusCode(ex) is not null && !KubernetesErrors.IsConflict(ex))
        {
            // A failed step is resumed by the next reconcile (the state says where); the event tells people why it lags.
            // The server's Status message names the object and the rule, never data.
            metrics.Failed();
            Record(apiKey, EventTypes.Warning, ApiKeyReasons.RotationFailed, "Rotate", "A rotation step failed and will be retried: " + KubernetesErrors.Message(ex));
            throw;
        }
        finally
        {
            held?.Dispose();
        }
    }

    private Task<ApiKey> PersistAsync(ApiKey apiKey, RotationState state, CancellationToken cancellationToken) =>
        statusWriter.WriteAsync(apiKey, RotationStatus.WithState(apiKey.Status ?? new ApiKeyStatus(), state), cancellationToken);

    private async Task WriteSecretAsync(ApiKey apiKey, ApiKeyFormat format, string secretName, V1Secret secret, GeneratedKey held, RotationAction.WriteSecret write, CancellationToken cancellationToken)
    {
        if (held.Fingerprint != write.TargetFingerprint)
        {
            throw new InvalidOperationException("the planner asked to publish material this process does not hold");
        }

        // The Secret's present current value becomes ".previous"; Build keeps the read resourceVersion as precondition.
        Dictionary<string, byte[]> data = SecretDataLayout.Compose(held, ObjectViews.Data(secret));
        V1Secret desired = ApiKeySecretBuilder.Build(apiKey, format, secretName, held, data, secret);
        await secrets.ReplaceAsync(desired, cancellationToken).ConfigureAwait(false);
        Log.SecretWritten(logger, apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name, write.TargetVersion, write.TargetFingerprint);
    }

    private async Task<ApiKey> CommitAsync(ApiKey apiKey, RotationCommit commit, CancellationToken cancellationToken)
    {
        ApiKeyStatus before = apiKey.Status ?? new ApiKeyStatus();
        ApiKeyStatus next = ApiKeyStatusWriter.WithSource(RotationStatus.Commit(before, commit), apiKey.Spec, commit.CurrentVersion);

        // The Ready message names the current version; switching it in the same write keeps status one consistent
        // snapshot and saves the follow-up write a later reconcile would make.
        if (next.SecretName is { } secretName)
        {
            next = next with { Conditions = statusWriter.KeyReady(next.Conditions, secretName, commit.CurrentVersion, apiKey.Metadata.Generation) };
        }

        ApiKey committed = await statusWriter.WriteAsync(apiKey, next, cancellationToken).ConfigureAwait(false);
        double? lag = commit.State.Trigger != RotationTrigger.Manual && before.NextRotationTime is { } due ? (commit.RotatedAt - due).TotalSeconds : null;
        metrics.Rotated(lag);
        string trigger = commit.State.Trigger switch
        {
            RotationTrigger.Manual => "on request",
            RotationTrigger.Expiry => "before expiry",
            _ => "on schedule",
        };
        Record(apiKey, EventTypes.Normal, ApiKeyReasons.Rotated, "Rotate",
            FormattableString.Invariant($"Rotated {trigger} from version {commit.PreviousVersion} to {commit.CurrentVersion} ({commit.CurrentFingerprint})"));
        Log.Committed(logger, apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name, commit.PreviousVersion, commit.CurrentVersion, commit.CurrentFingerprint);
        return committed;
    }

    private Task PublishVerifierAsync(ApiKey apiKey, ApiKeyFormat format, V1Secret secret, CancellationToken cancellationToken) =>
        verifier.PublishFromSecretAsync(apiKey, format, secret, apiKey.Status?.CurrentVersion ?? 0, SecondPrecision.Truncate(time.GetUtcNow()), cancellationToken);

    private async Task<ApiKey> RetireAsync(ApiKey apiKey, ApiKeyFormat format, V1Secret secret, RotationAction.RetirePrevious retire, CancellationToken cancellationToken)
    {
        if (retire.SecretHasPrevious)
        {
            V1Secret trimmed = ApiKeySecretBuilder.WithData(secret, SecretDataLayout.WithoutPrevious(ObjectViews.Data(secret) ?? new Dictionary<string, byte[]>()));
            V1Secret written = await secrets.ReplaceAsync(trimmed, cancellationToken).ConfigureAwait(false);

            // Verifiers stop accepting the retired key right after the Secret stops offering it.
            await PublishVerifierAsync(apiKey, format, written, cancellationToken).ConfigureAwait(false);
            Record(apiKey, EventTypes.Normal, ApiKeyReasons.PreviousKeyRetired, "Retire",
                FormattableString.Invariant($"Removed previous key version {retire.PreviousVersion} from the Secret"));
        }

        return await statusWriter.WriteAsync(apiKey, RotationStatus.Retire(apiKey.Status ?? new ApiKeyStatus(), retire), cancellationToken).ConfigureAwait(false);
    }

    private void Record(ApiKey apiKey, string type, string reason, string action, string note) =>
        events.Record(
            new KeyOperator.Runtime.Events.ObjectReference(ApiKeyConstants.ApiVersion, ApiKeyConstants.Kind, apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name!, apiKey.Metadata.Uid),
            type,
            reason,
            action,
            note);

    // Event ids 3600-3649 belong to rotation (the table of ranges: docs/architecture.md, Observability). Only versions and fingerprints (digests) are logged, never key material.
    private static partial class Log
    {
        [LoggerMessage(3600, LogLevel.Debug, "ApiKey {Namespace}/{Name}: rotation step {Action} (recorded phase {Phase})", EventName = "RotationStep")]
        public static partial void Step(ILogger logger, string? @namespace, string? name, string action, string phase);

        [LoggerMessage(3601, LogLevel.Information, "ApiKey {Namespace}/{Name}: wrote key version {Version} ({Fingerprint}) to the Secret, previous value kept", EventName = "RotationSecretWritten")]
        public static partial void SecretWritten(ILogger logger, string? @namespace, string? name, int version, string fingerprint);

        [LoggerMessage(3602, LogLevel.Information, "ApiKey {Namespace}/{Name}: rotated from version {From} to {To} ({Fingerprint})", EventName = "RotationCommitted")]
        public static partial void Committed(ILogger logger, string? @namespace, string? name, int from, int to, string fingerprint);

        [LoggerMessage(3603, LogLevel.Debug, "ApiKey {Namespace}/{Name}: restarts held until {LookAgain} so that keys rotating with it share one rollout", EventName = "RotationRestartsDeferred")]
        public static partial void RestartsDeferred(ILogger logger, string? @namespace, string? name, DateTimeOffset lookAgain);
    }
}
