// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;

namespace KeyOperator.Operator.Rotation;

/// <summary>
/// The one thing the controller should do next for a rotation, as decided by <see cref="RotationPlanner"/>. The
/// protocol: perform the side effect (if any), then persist <c>NextState</c> in status.rotation (if given), then
/// re-read and ask the planner again. Each write must carry a resourceVersion precondition, so that a stale cache
/// or a second leader fails instead of overwriting.
/// </summary>
internal abstract record RotationAction
{
    private RotationAction()
    {
    }

    /// <summary>Nothing to do now; look again at <paramref name="RequeueAt"/> (null: only when something changes).</summary>
    /// <param name="RequeueAt">When the next step falls due.</param>
    /// <param name="Reason">Why the planner waits, for logs.</param>
    public sealed record Wait(DateTimeOffset? RequeueAt, string Reason) : RotationAction;

    /// <summary>Only persist <paramref name="NextState"/> in status.rotation; no other side effect.</summary>
    /// <param name="NextState">The state to store.</param>
    public sealed record PersistState(RotationState NextState) : RotationAction;

    /// <summary>
    /// Mint new material for <paramref name="TargetVersion"/>, keep it in memory, then persist
    /// <see cref="Complete"/>(its fingerprint) BEFORE writing the Secret. Also returned when a process died holding
    /// minted material that never reached the Secret: nobody can have seen it, so minting again is safe.
    /// </summary>
    /// <param name="TargetVersion">The version number the material will carry.</param>
    /// <param name="Current">The state to extend.</param>
    public sealed record MintKey(int TargetVersion, RotationState Current) : RotationAction
    {
        /// <summary>The state to persist once material with <paramref name="fingerprint"/> is minted.</summary>
        public RotationState Complete(string fingerprint)
        {
            ArgumentException.ThrowIfNullOrEmpty(fingerprint);
            return Current with { Phase = RotationPhase.KeyMinted, TargetFingerprint = fingerprint };
        }
    }

    /// <summary>
    /// Write the Secret: the held material as current (annotations version <paramref name="TargetVersion"/> and
    /// fingerprint <paramref name="TargetFingerprint"/>), and the Secret's present current value, whose fingerprint
    /// is <paramref name="PreviousFingerprint"/>, under the ".previous" keys. Nothing to persist afterwards: the
    /// planner sees the result in the Secret.
    /// </summary>
    public sealed record WriteSecret(int TargetVersion, string TargetFingerprint, int PreviousVersion, string? PreviousFingerprint) : RotationAction;

    /// <summary>Write the status fields of <paramref name="Commit"/> in one status update.</summary>
    public sealed record CommitStatus(RotationCommit Commit) : RotationAction;

    /// <summary>
    /// Restart <paramref name="Targets"/> (rolling), merging "<paramref name="ApiKeyName"/>=<paramref name="Version"/>"
    /// into each pod template's <see cref="RestartAnnotation.Name"/> annotation, then persist
    /// <paramref name="NextState"/>. To restart a workload once for several keys rotating together, merge the
    /// entries of every ApiKey targeting it whose status already commits a newer version (see
    /// <see cref="RestartAnnotation.Merge"/>); their planners then find the restart done.
    /// </summary>
    public sealed record TriggerRestarts(IReadOnlyList<RestartTarget> Targets, string ApiKeyName, int Version, RotationState NextState) : RotationAction;

    /// <summary>
    /// Remove the ".previous" keys from the Secret when <paramref name="SecretHasPrevious"/> (the current value stays),
    /// mark status.keys version <paramref name="PreviousVersion"/> Retired, and persist <paramref name="NextState"/>.
    /// </summary>
    public sealed record RetirePrevious(int PreviousVersion, bool SecretHasPrevious, RotationState NextState) : RotationAction;

    /// <summary>
    /// The rotation cannot proceed until something outside it is repaired (Secret missing or changed by someone else);
    /// surface <paramref name="Reason"/> as a condition. The rotation resumes once the Secret is consistent again.
    /// </summary>
    public sealed record Blocked(string Reason, string Message) : RotationAction;
}
