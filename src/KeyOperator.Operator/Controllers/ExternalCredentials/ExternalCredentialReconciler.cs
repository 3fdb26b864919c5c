// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Controllers.Ports;
using KeyOperator.Operator.Controllers.Restarts;
using KeyOperator.Operator.ExternalCredentials;
using KeyOperator.Operator.Rotation;
using KeyOperator.Providers;
using KeyOperator.Runtime.Conditions;
using KeyOperator.Runtime.Controllers;
using KeyOperator.Runtime.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>
/// Syncs one ExternalCredential: when due (from <c>status.lastSyncTime</c>, so a restart causes no storm), reads every
/// remote value through the store's shared client, plans the target Secret (nothing is ever blanked: any read failure
/// stops before the Secret is touched), writes it only when it would change, commits status (versions, a keyed hash,
/// the data version), and then rolls restart targets once per data version, batched with ApiKeys about to rotate that
/// share a workload (<see cref="WorkloadRestarter"/>). Each step is idempotent, so a crash
/// anywhere resumes: a Secret written without its status is found equal on the next sync, and the data version still
/// moves because the hash in status is the old one.
/// </summary>
internal sealed partial class ExternalCredentialReconciler(
    IExternalCredentialStore credentials,
    ISecretStore secrets,
    WorkloadRestarter restarter,
    ConnectionResolver connections,
    SecretProviderRegistry providers,
    IEventRecorder events,
    ExternalSyncMetrics metrics,
    IOptions<KeyOperatorControllerOptions> options,
    TimeProvider time,
    ILogger<ExternalCredentialReconciler> logger) : IReconciler<ExternalCredential>
{
    private const string Ready = ConditionTypes.Ready;

    // Read once: the same file the admission webhook enforces; an invalid file already stopped the process at start.
    private readonly Lazy<bool> _allowInsecure = new(() => KeyOperator.Operator.Admission.Policy.StaticAdmissionPolicyProvider.FromFile(options.Value.PolicyFile).Current.AllowInsecureProviderEndpoints);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ExternalCredential> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ExternalCredential? credential = request.Object;
        // Deleted or deleting: an Owner Secret goes by garbage collection; Merge and Orphan Secrets are left as they are.
        if (credential is null || credential.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        string provider = ConnectionResolver.ProviderName(credential.Spec);
        DateTimeOffset now = time.GetUtcNow();
        TimeSpan interval;
        try
        {
            interval = Interval(credential.Spec);
        }
        catch (SyncFailure failure)
        {
            return await FailAsync(credential, provider, failure, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        string secretName = credential.ResolveSecretName()!;
        V1Secret? existing = await secrets.GetAsync(credential.Metadata.NamespaceProperty!, secretName, ReadFrom.Server, cancellationToken).ConfigureAwait(false);
        if (NotDue(credential, existing, interval, now) is { } wait)
        {
            return Sooner(wait, await RestartAsync(credential, cancellationToken).ConfigureAwait(false));
        }

        long started = time.GetTimestamp();
        try
        {
            if ((credential.Spec.Data?.Count ?? 0) + (credential.Spec.DataFrom?.Count ?? 0) == 0)
            {
                throw new SyncFailure("spec.data or spec.dataFrom must name at least one remote value");
            }

            ProviderConnection connection = await connections.ResolveAsync(credential, _allowInsecure.Value, cancellationToken).ConfigureAwait(false);
            ISecretProvider client;
            try
            {
                client = providers.Get(connection);
            }
            catch (ProviderException ex)
            {
                throw new SyncFailure(ExternalCredentialReasons.InvalidSpec, ex.Message, null, ex);
            }

            RemoteData remote = await RemoteDataReader.ReadAsync(client, credential.Spec, cancellationToken).ConfigureAwait(false);
            HashSet<string> confirmed = [.. remote.NotFound.Intersect(credential.Status?.NotFoundKeys ?? [], StringComparer.Ordinal)];
            TargetSecretPlan plan = TargetSecretPlanner.Plan(credential, existing, remote, confirmed);
            V1Secret? written = existing;
            if (plan.Write is { } write)
            {
                written = plan.Create
                    ? await secrets.CreateAsync(write, cancellationToken).ConfigureAwait(false)
                    : await secrets.ReplaceAsync(write, cancellationToken).ConfigureAwait(false);
            }

            string hash = DataHash.Compute(written?.Metadata?.Uid, plan.Data, plan.ManagedKeys);
            ExternalCredentialStatus previous = credential.Status ?? new ExternalCredentialStatus();
            bool changed = !string.Equals(previous.DataHash, hash, StringComparison.Ordinal);
            int dataVersion = (previous.DataVersion ?? 0) + (changed ? 1 : 0);
            (string reason, string message, string status) = remote.NotFound.Count == 0
                ? (ExternalCredentialReasons.Synced, $"Secret {secretName} holds the values read from {provider}", ConditionStatus.True)
                : (ExternalCredentialReasons.NotFound, NotFoundMessage(remote, confirmed, plan, credential), ConditionStatus.False);
            ExternalCredential stored = await credentials.ReplaceStatusAsync(credential with
            {
                Status = previous with
                {
                    ObservedGeneration = credential.Metadata.Generation,
                    Conditions = Conditions.Set(previous.Conditions, Ready, status, reason, message, credential.Metadata.Generation, now),
                    Provider = provider,
                    LastSyncTime = SecondPrecision.Truncate(now),
                    SyncedVersion = string.Join(',', remote.Versions),
                    DataHash = hash,
                    SyncedKeys = [.. plan.ManagedKeys.Order(StringComparer.Ordinal)],
                    DataVersion = dataVersion,
                    DataChangedTime = changed ? SecondPrecision.Truncate(now) : previous.DataChangedTime,
                    SecretName = secretName,
                    NotFoundKeys = remote.NotFound.Count == 0 ? null : [.. remote.NotFound],
                },
            }, cancellationToken).ConfigureAwait(false);
            metrics.Synced(provider, reason, time.GetElapsedTime(started));
            LogSynced(credential.Metadata.NamespaceProperty, credential.Metadata.Name, provider, secretName, dataVersion, changed);
            if (changed && previous.DataHash is not null)
            {
                events.Record(Reference(credential), EventTypes.Normal, "Synced", "Sync", $"Secret {secretName} updated from {provider} (data version {dataVersion})");
            }

            DateTimeOffset? restartAgain = await RestartAsync(stored, cancellationToken).ConfigureAwait(false);
            if (remote.NotFound.Count > 0 && confirmed.Count < remote.NotFound.Count)
            {
                // A second look soon confirms or clears the not-found, instead of a full interval later.
                return Sooner(ReconcileResult.RequeueAfter(options.Value.MinimumRefreshInterval), restartAgain);
            }

            return Sooner(
                RefreshSchedule.Next(SecondPrecision.Truncate(now), interval, credential.Metadata.Uid) is { } next
                    ? ReconcileResult.RequeueAfter(Max(next - time.GetUtcNow(), TimeSpan.Zero))
                    : ReconcileResult.Done,
                restartAgain);
        }
        catch (SyncFailure failure)
        {
            return await FailAsync(credential, provider, failure, time.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string NotFoundMessage(RemoteData remote, HashSet<string> confirmed, TargetSecretPlan plan, ExternalCredential credential)
    {
        string keys = string.Join(", ", remote.NotFound);
        if (confirmed.Count < remote.NotFound.Count)
        {
            return $"the store reports {keys} not found; the last values are kept until the next sync confirms it";
        }

        return plan.Deleted.Count > 0
            ? $"the store confirmed {keys} deleted; removed {string.Join(", ", plan.Deleted)} from the Secret (deletionPolicy Delete)"
            : $"the store confirmed {keys} deleted; the last values are kept (deletionPolicy {credential.Spec.Target?.DeletionPolicy ?? ExternalDeletionPolicy.Retain})";
    }

    private TimeSpan Interval(ExternalCredentialSpec spec)
    {
        if (string.IsNullOrEmpty(spec.RefreshInterval))
        {
            return RefreshSchedule.DefaultInterval;
        }

        if (!GoDuration.TryParse(spec.RefreshInterval, out TimeSpan interval, out string? error))
        {
            throw new SyncFailure($"spec.refreshInterval: {error}");
        }

        // 0 means sync once; anything else is raised to the operator's minimum, a guard against hammering a store.
        return interval == TimeSpan.Zero ? TimeSpan.Zero : Max(interval, options.Value.MinimumRefreshInterval);
    }

    /// <summary>Null when a sync is due; else the wait until it is.</summary>
    private ReconcileResult? NotDue(ExternalCredential credential, V1Secret? existing, TimeSpan interval, DateTimeOffset now)
    {
        ExternalCredentialStatus? status = credential.Status;
        if (status?.LastSyncTime is not { } last || status.ObservedGeneration != credential.Metadata.Generation
            || !Conditions.IsTrue(status.Conditions, Ready) || existing is null || status.DataHash is null)
        {
            return null;
        }

        // The Secret changed behind our back (edited, or deleted and recreated): repair it now.
        Dictionary<string, byte[]> data = existing.Data is null ? [] : new(existing.Data, StringComparer.Ordinal);
        if (!string.Equals(DataHash.Compute(existing.Metadata?.Uid, data, status.SyncedKeys ?? []), status.DataHash, StringComparison.Ordinal))
        {
            return null;
        }

        DateTimeOffset? next = RefreshSchedule.Next(last, interval, credential.Metadata.Uid);
        if (next is null)
        {
            return ReconcileResult.Done;
        }

        return next > now ? ReconcileResult.RequeueAfter(next.Value - now) : null;
    }

    private async Task<ReconcileResult> FailAsync(ExternalCredential credential, string provider, SyncFailure failure, TimeSpan duration, CancellationToken cancellationToken)
    {
        metrics.Synced(provider, failure.Reason, duration);
        LogSyncFailed(credential.Metadata.NamespaceProperty, credential.Metadata.Name, provider, failure.Reason, failure.Message);
        ExternalCredentialStatus previous = credential.Status ?? new ExternalCredentialStatus();
        IReadOnlyList<Condition> conditions = Conditions.Set(previous.Conditions, Ready, ConditionStatus.False, failure.Reason, failure.Message, credential.Metadata.Generation, time.GetUtcNow());
        if (!ReferenceEquals(conditions, previous.Conditions) || previous.Provider != provider)
        {
            await credentials.ReplaceStatusAsync(credential with
            {
                Status = previous with { Conditions = conditions, Provider = provider, ObservedGeneration = credential.Metadata.Generation },
            }, cancellationToken).ConfigureAwait(false);
            events.Record(Reference(credential), EventTypes.Warning, failure.Reason, "Sync", failure.Message);
        }

        // A spec error waits for a spec change (which requeues at once); the store's own wait is honoured; the rest
        // back off exponentially through the work queue.
        return failure.Reason switch
        {
            ExternalCredentialReasons.InvalidSpec or ExternalCredentialReasons.TemplateError => ReconcileResult.Done,
            _ when failure.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero => ReconcileResult.RequeueAfter(retryAfter),
            _ => ReconcileResult.Error(failure),
        };
    }

    /// <summary>
    /// Rolls each restart target that has not yet seen the committed data version (idempotent, crash-safe: the
    /// annotation records the version, so neither a retry nor an operator restart rolls twice). Returns when to look
    /// again if the restart waits for ApiKeys of the same workloads that are about to rotate, else null.
    /// </summary>
    private async Task<DateTimeOffset?> RestartAsync(ExternalCredential credential, CancellationToken cancellationToken)
    {
        // Version 1 is the first sync: nothing consumed an older value, so nothing restarts.
        if (credential.Spec.RestartTargets is not { Count: > 0 } targets || credential.Status?.DataVersion is not int version || version < 2)
        {
            return null;
        }

        string ns = credential.Metadata.NamespaceProperty!;
        string entry = WorkloadRestarter.EntryFor(credential);
        IReadOnlyDictionary<RestartTarget, int> restarted = await restarter.ReadRestartedVersionsAsync(ns, entry, targets, cancellationToken).ConfigureAwait(false);
        RestartTarget[] pending = [.. restarted.Where(r => r.Value < version).Select(r => r.Key)];
        if (pending.Length == 0)
        {
            return null;
        }

        if (restarter.BatchDeferral(ns, entry, pending, credential.Status.DataChangedTime, time.GetUtcNow(), options.Value.RestartBatch) is { } lookAgain)
        {
            LogRestartDeferred(ns, credential.Metadata.Name, version, lookAgain);
            return lookAgain;
        }

        foreach (RestartTarget target in pending)
        {
            LogRestart(target.Kind.ToString(), ns, target.Name, credential.Metadata.Name, version);
        }

        await restarter.RestartAsync(ns, entry, pending, version, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>The sooner of a result's requeue and a deferred restart's next look (errors keep their backoff).</summary>
    private ReconcileResult Sooner(ReconcileResult result, DateTimeOffset? restartAgain)
    {
        if (restartAgain is not { } at || result.Outcome == ReconcileOutcome.Error)
        {
            return result;
        }

        TimeSpan delay = Max(at - time.GetUtcNow(), TimeSpan.Zero);
        return result.Outcome == ReconcileOutcome.RequeueAfter && result.Delay <= delay ? result : ReconcileResult.RequeueAfter(delay);
    }

    private static KeyOperator.Runtime.Events.ObjectReference Reference(ExternalCredential credential) =>
        new(ExternalCredentialConstants.ApiVersion, ExternalCredentialConstants.Kind, credential.Metadata.NamespaceProperty, credential.Metadata.Name!, credential.Metadata.Uid);
}
