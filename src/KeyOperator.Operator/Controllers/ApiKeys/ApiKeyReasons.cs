// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>Condition and event reasons of the ApiKey controller: CamelCase, specific, stable (users alert on them).</summary>
internal static class ApiKeyReasons
{
    public const string KeyReady = "KeyReady";
    public const string InvalidSpec = "InvalidSpec";
    public const string SecretConflict = "SecretConflict";
    public const string Generated = "Generated";
    public const string Regenerated = "Regenerated";
    public const string SecretRecreated = "SecretRecreated";
    public const string SecretTampered = "SecretTampered";
    public const string SecretAdopted = "SecretAdopted";
    public const string SecretRepaired = "SecretRepaired";
    public const string VerifierPublished = "VerifierPublished";

    // Rotation: events, and the RotationPolicyReady / RotationBlocked conditions.
    public const string Rotated = "Rotated";
    public const string RotationFailed = "RotationFailed";
    public const string PreviousKeyRetired = "PreviousKeyRetired";
    public const string RotationPolicyReady = "RotationPolicyReady";
    public const string RotationBlocked = "RotationBlocked";
    public const string PolicyFound = "PolicyFound";
    public const string PolicyNotFound = "PolicyNotFound";
    public const string PolicyInvalid = "PolicyInvalid";

    // HSM sources (issue #14): Ready=False reasons and events.
    public const string HsmUnavailable = "HsmUnavailable";
    public const string HsmKeyMissing = "HsmKeyMissing";
    public const string HsmNotAllowed = "HsmNotAllowed";
    public const string HsmKeysDestroyed = "HsmKeysDestroyed";
}
