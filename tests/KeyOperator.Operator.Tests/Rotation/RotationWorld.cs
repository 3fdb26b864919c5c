// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.RotationPolicies;

namespace KeyOperator.Operator.Tests.Rotation;

/// <summary>
/// A tiny simulated cluster for one ApiKey: status, Secret (with every version it ever had), workloads, and a
/// controller that performs <see cref="RotationPlanner"/> actions write by write. A write can be made to crash the
/// process (the write is lost and so is any material held in memory) or just to fail.
/// </summary>
internal sealed class RotationWorld
{
    private int _writes;
    private int _materialCounter;
    private (string Fingerprint, string Material)? _held;

    public RotationWorld(DateTimeOffset now, EffectiveRotationPolicy? policy, params RestartTarget[] restartTargets)
    {
        Now = now;
        Policy = policy;
        RestartTargets = restartTargets;
        string first = NewMaterial();
        Status = new SimulatedStatus { CurrentVersion = 1, CurrentFingerprint = Fingerprint(first), CurrentCreatedAt = now };
        Status.Keys[1] = KeyVersionState.Current;
        SecretHistory.Add(new SecretSnapshot(1, first, null, "initial"));
        foreach (RestartTarget target in restartTargets)
        {
            Workloads[target] = null;
            RestartCounts[target] = 0;
        }
    }

    public DateTimeOffset Now { get; set; }

    public EffectiveRotationPolicy? Policy { get; set; }

    public IReadOnlyList<RestartTarget> RestartTargets { get; }

    public SimulatedStatus Status { get; }

    public List<SecretSnapshot> SecretHistory { get; } = [];

    public SecretSnapshot Secret => SecretHistory[^1];

    public Dictionary<RestartTarget, string?> Workloads { get; } = [];

    public Dictionary<RestartTarget, int> RestartCounts { get; } = [];

    public string? RotateAnnotation { get; set; }

    public string? RevokePreviousAnnotation { get; set; }

    /// <summary>1-based index of the write at which the process crashes; 0 for none.</summary>
    public int CrashAtWrite { get; set; }

    /// <summary>1-based index of a write that fails (the process lives on); 0 for none.</summary>
    public int FailAtWrite { get; set; }

    public int Writes => _writes;

    public List<string> MintedMaterials { get; } = [];

    public List<RotationAction> Actions { get; } = [];

    public static string Fingerprint(string material) => "sha256:" + material;

    public RotationState? State => RotationStateCodec.FromJson(Status.Rotation);

    public RotationObservation Observe()
    {
        var restarted = new Dictionary<RestartTarget, int>();
        foreach ((RestartTarget target, string? annotation) in Workloads)
        {
            if (RestartAnnotation.VersionFor(annotation, "api") is { } version)
            {
                restarted[target] = version;
            }
        }

        return new RotationObservation
        {
            ApiKeyName = "api",
            Uid = "uid-1",
            CurrentVersion = Status.CurrentVersion,
            CurrentFingerprint = Status.CurrentFingerprint,
            CurrentCreatedAt = Status.CurrentCreatedAt,
            LastRotationTime = Status.LastRotationTime,
            LastRotateAnnotation = Status.LastRotateAnnotation,
            Rotation = State,
            RotateAnnotation = RotateAnnotation,
            RevokePreviousAnnotation = RevokePreviousAnnotation,
            Secret = new SecretObservation
            {
                Version = Secret.Version,
                CurrentFingerprint = Fingerprint(Secret.Current),
                PreviousFingerprint = Secret.Previous is null ? null : Fingerprint(Secret.Previous),
            },
            RestartTargets = RestartTargets,
            RestartedVersions = restarted,
            HeldMaterialFingerprint = _held?.Fingerprint,
        };
    }

    public RotationAction Plan() => RotationPlanner.NextStep(Observe(), Policy, Now, TimeSpan.FromMinutes(1));

    /// <summary>Plans and executes one action; returns it.</summary>
    public RotationAction Step()
    {
        RotationAction action = Plan();
        Actions.Add(action);
        Execute(action);
        Now = Now.AddSeconds(2);
        return action;
    }

    public void Execute(RotationAction action)
    {
        switch (action)
        {
            case RotationAction.PersistState persist:
                Write(() => Status.Rotation = RotationStateCodec.ToJson(persist.NextState));
                break;
            case RotationAction.MintKey mint:
                string material = NewMaterial();
                _held = (Fingerprint(material), material);
                Write(() => Status.Rotation = RotationStateCodec.ToJson(mint.Complete(Fingerprint(material))));
                break;
            case RotationAction.WriteSecret write:
                Assert.Equal(write.TargetFingerprint, _held?.Fingerprint);
                Assert.Equal(write.PreviousFingerprint, Fingerprint(Secret.Current));
                Write(() => SecretHistory.Add(new SecretSnapshot(write.TargetVersion, _held!.Value.Material, Secret.Current, nameof(RotationAction.WriteSecret))));
                break;
            case RotationAction.CommitStatus commit:
                Write(() =>
                {
                    RotationCommit c = commit.Commit;
                    Status.CurrentVersion = c.CurrentVersion;
                    Status.CurrentFingerprint = c.CurrentFingerprint;
                    Status.CurrentCreatedAt = c.RotatedAt;
                    Status.LastRotationTime = c.RotatedAt;
                    Status.LastRotateAnnotation = c.LastRotateAnnotation;
                    Status.NextRotationTime = c.NextRotationTime;
                    Status.Keys[c.CurrentVersion] = KeyVersionState.Current;
                    Status.Keys[c.PreviousVersion] = KeyVersionState.Previous;
                    Status.Rotation = RotationStateCodec.ToJson(c.State);
                    _held = null;
                });
                break;
            case RotationAction.TriggerRestarts restarts:
                foreach (RestartTarget target in restarts.Targets)
                {
                    Write(() =>
                    {
                        string merged = RestartAnnotation.Merge(Workloads[target], [new(restarts.ApiKeyName, restarts.Version)]);
                        if (merged != Workloads[target])
                        {
                            RestartCounts[target]++;
                            Workloads[target] = merged;
                        }
                    });
                }

                Write(() => Status.Rotation = RotationStateCodec.ToJson(restarts.NextState));
                break;
            case RotationAction.RetirePrevious retire:
                if (retire.SecretHasPrevious)
                {
                    Write(() => SecretHistory.Add(Secret with { Previous = null, WrittenBy = nameof(RotationAction.RetirePrevious) }));
                }

                Write(() =>
                {
                    Status.Keys[retire.PreviousVersion] = KeyVersionState.Retired;
                    Status.Rotation = RotationStateCodec.ToJson(retire.NextState);
                });
                break;
            case RotationAction.Blocked blocked:
                Assert.Fail("unexpected Blocked: " + blocked.Reason + ": " + blocked.Message);
                break;
            default:
                break;
        }
    }

    private string NewMaterial()
    {
        string material = "m" + (++_materialCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        MintedMaterials.Add(material);
        return material;
    }

    private void Write(Action write)
    {
        _writes++;
        if (_writes == CrashAtWrite)
        {
            _held = null;
            throw new SimulatedCrashException();
        }

        if (_writes == FailAtWrite)
        {
            throw new SimulatedCrashException { ProcessSurvives = true };
        }

        write();
    }

    internal sealed class SimulatedStatus
    {
        public int CurrentVersion { get; set; }

        public string? CurrentFingerprint { get; set; }

        public DateTimeOffset? CurrentCreatedAt { get; set; }

        public DateTimeOffset? LastRotationTime { get; set; }

        public DateTimeOffset? NextRotationTime { get; set; }

        public string? LastRotateAnnotation { get; set; }

        public JsonObject? Rotation { get; set; }

        public Dictionary<int, KeyVersionState> Keys { get; } = [];
    }

    internal sealed record SecretSnapshot(int Version, string Current, string? Previous, string WrittenBy);

    internal sealed class SimulatedCrashException : Exception
    {
        public bool ProcessSurvives { get; init; }
    }
}
