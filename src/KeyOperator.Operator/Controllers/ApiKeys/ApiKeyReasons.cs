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
}
