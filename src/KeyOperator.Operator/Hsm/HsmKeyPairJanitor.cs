// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Hsm;
using KeyOperator.Operator.ApiKeys;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Operator.Hsm;

/// <summary>
/// Destroys the HSM key pairs an ApiKey no longer publishes. Level-based, from status and the token's labels: a
/// version below status.currentVersion that status does not keep as Previous is no longer in the Secret (status
/// moves on only after the Secret holds the new version), so its pair goes; versions above the current one may be a
/// rotation's pair minted but not yet committed, and stay. Repeating it after a crash destroys nothing more.
/// </summary>
internal sealed partial class HsmKeyPairJanitor(IHsmKeySource hsm, ILogger<HsmKeyPairJanitor> logger)
{
    /// <summary>Whether the ApiKey's key pairs live in an HSM (and so carry the finalizer).</summary>
    public static bool HoldsKeyPairs(ApiKey apiKey)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        return apiKey.Spec.Source?.Hsm is not null && apiKey.Spec.TryGetFormat(out ApiKeyFormat format) && format is ApiKeyFormat.Rsa or ApiKeyFormat.Ecdsa;
    }

    /// <summary>Destroys the pairs of retired and replaced versions.</summary>
    /// <returns>The versions destroyed.</returns>
    /// <exception cref="HsmException">The HSM failed; nothing is lost, the next pass tries again.</exception>
    public async Task<IReadOnlyList<int>> SweepAsync(ApiKey apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        if (apiKey.Spec.Source?.Hsm is not { } source || apiKey.Status?.CurrentVersion is not { } current)
        {
            return [];
        }

        HashSet<int> kept = [current, .. (apiKey.Status.Keys ?? []).Where(k => k.State == KeyVersionState.Previous).Select(k => k.Version)];
        string prefix = HsmKeyPairLabels.Prefix(apiKey.Metadata.NamespaceProperty ?? string.Empty, apiKey.Metadata.Name ?? string.Empty);
        var destroyed = new List<int>();
        foreach (string label in await hsm.ListKeyPairLabelsAsync(source.Name, prefix, cancellationToken).ConfigureAwait(false))
        {
            if (HsmKeyPairLabels.VersionOf(prefix, label) is { } version && version < current && !kept.Contains(version))
            {
                await hsm.DestroyKeyPairAsync(source.Name, label, cancellationToken).ConfigureAwait(false);
                Log.Destroyed(logger, source.Name, apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name, version);
                destroyed.Add(version);
            }
        }

        return destroyed;
    }

    /// <summary>Destroys every pair of the ApiKey (it is being deleted).</summary>
    /// <returns>How many pairs were destroyed.</returns>
    /// <exception cref="HsmException">The HSM failed; the finalizer must stay.</exception>
    public async Task<int> DestroyAllAsync(ApiKey apiKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apiKey);
        if (apiKey.Spec.Source?.Hsm is not { } source)
        {
            return 0;
        }

        string prefix = HsmKeyPairLabels.Prefix(apiKey.Metadata.NamespaceProperty ?? string.Empty, apiKey.Metadata.Name ?? string.Empty);
        int pairs = 0;
        foreach (string label in await hsm.ListKeyPairLabelsAsync(source.Name, prefix, cancellationToken).ConfigureAwait(false))
        {
            if (HsmKeyPairLabels.VersionOf(prefix, label) is { } version)
            {
                await hsm.DestroyKeyPairAsync(source.Name, label, cancellationToken).ConfigureAwait(false);
                Log.Destroyed(logger, source.Name, apiKey.Metadata.NamespaceProperty, apiKey.Metadata.Name, version);
                pairs++;
            }
        }

        return pairs;
    }

    // Event ids 4450-4499 belong to HSM key pairs (docs/architecture.md, Log event ids). Labels and versions only.
    private static partial class Log
    {
        [LoggerMessage(4450, LogLevel.Information, "HSM {Hsm}: destroyed the key pair of ApiKey {Namespace}/{Name} version {Version}", EventName = "HsmKeyPairDestroyed")]
        public static partial void Destroyed(ILogger logger, string hsm, string? @namespace, string? name, int version);
    }
}
