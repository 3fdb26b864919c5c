// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Rotation;
using KeyOperator.Operator.RotationPolicies;
using KeyOperator.Operator.Serialization;

namespace KeyOperator.Operator.Admission.Validation;

/// <summary>
/// RotationPolicy rules. Syntax and consistency (one schedule, durations, cron, time zone, grace below interval...)
/// come from <see cref="RotationPolicyCompiler"/>, the same code the controller runs, so the webhook never admits a
/// policy the controller would mark invalid. On top: the cluster's maximum rotation interval and minimum grace period,
/// checked against the effective values (defaults included).
/// </summary>
/// <remarks>
/// For cron the interval checked is the longest wall-clock gap between two consecutive runs (a monthly cron can be
/// 31 days apart). A policy with only maxAge rotates at the latest when a key reaches maxAge, so maxAge is checked.
/// </remarks>
internal sealed class RotationPolicyValidator : IAdmissionValidator
{
    private static readonly string[] s_stringFields = ["gracePeriod", "maxAge", "rotateBefore", "jitter", "strategy"];
    private static readonly string[] s_scheduleFields = ["every", "cron", "timeZone"];

    public string Group => AdmissionKinds.Group;

    public string Version => AdmissionKinds.Version;

    public string Kind => AdmissionKinds.RotationPolicy;

    public ValueTask ValidateAsync(AdmissionContext context, JsonObject obj, AdmissionFindings findings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(findings);
        JsonObject? specNode = JsonFields.Object(obj, "spec", "spec", findings);
        if (specNode is null || !HasExpectedTypes(specNode, findings))
        {
            if (!obj.ContainsKey("spec"))
            {
                findings.Deny("spec", "is required", JsonFields.SchemaRule);
            }

            return ValueTask.CompletedTask;
        }

        RotationPolicySpec spec;
        try
        {
            spec = specNode.Deserialize(OperatorJsonContext.Default.RotationPolicySpec) ?? new RotationPolicySpec();
        }
        catch (JsonException ex)
        {
            string path = ex.Path is { Length: > 1 } jsonPath ? "spec" + jsonPath[1..] : "spec";
            findings.Deny(path, "has a value this version does not accept", JsonFields.SchemaRule);
            return ValueTask.CompletedTask;
        }

        RotationPolicyCompilation compiled = RotationPolicyCompiler.Compile(spec);
        foreach (RotationPolicyError error in compiled.Errors)
        {
            findings.Deny(error.Field, error.Message, $"rule {error.Reason}");
        }

        if (compiled.Policy is { } effective)
        {
            CheckInterval(context.Policy.MaxRotationInterval, spec, effective, findings);
            CheckGracePeriod(context.Policy.MinGracePeriod, spec, effective, findings);
        }

        return ValueTask.CompletedTask;
    }

    private static bool HasExpectedTypes(JsonObject spec, AdmissionFindings findings)
    {
        int before = findings.Denials.Count;
        foreach (string field in s_stringFields)
        {
            JsonFields.String(spec, field, $"spec.{field}", findings);
        }

        if (JsonFields.Object(spec, "schedule", "spec.schedule", findings) is { } schedule)
        {
            foreach (string field in s_scheduleFields)
            {
                JsonFields.String(schedule, field, $"spec.schedule.{field}", findings);
            }
        }

        return findings.Denials.Count == before;
    }

    private static void CheckInterval(PolicyDuration? maximum, RotationPolicySpec spec, EffectiveRotationPolicy effective, AdmissionFindings findings)
    {
        if (maximum is null)
        {
            return;
        }

        if (effective.Every is { } every && every > maximum.Value)
        {
            findings.Deny("spec.schedule.every", $"{spec.Schedule!.Every} is above the cluster maximum of {maximum.Text}", "policy maxRotationInterval");
        }

        if (spec.Schedule?.Cron is { Length: > 0 } cron && CronCadence.TryParse(cron, out CronCadence? parsed, out _))
        {
            TimeSpan? longest = parsed!.MaxInterval();
            if (longest is null)
            {
                findings.Deny("spec.schedule.cron", $"\"{cron}\" never runs", "rule InvalidSchedule");
            }
            else if (longest > maximum.Value)
            {
                findings.Deny(
                    "spec.schedule.cron",
                    $"\"{cron}\" runs up to {GoDuration.Format(longest.Value)} apart, above the cluster maximum of {maximum.Text}",
                    "policy maxRotationInterval");
            }
        }

        if (effective.Every is null && effective.Cron is null && effective.MaxAge is { } maxAge && maxAge > maximum.Value)
        {
            findings.Deny("spec.maxAge", $"{spec.MaxAge} is above the cluster maximum of {maximum.Text} and no shorter schedule is set", "policy maxRotationInterval");
        }
    }

    private static void CheckGracePeriod(PolicyDuration? minimum, RotationPolicySpec spec, EffectiveRotationPolicy effective, AdmissionFindings findings)
    {
        if (minimum is null || effective.GracePeriod >= minimum.Value)
        {
            return;
        }

        if (effective.Strategy == RotationStrategy.Immediate)
        {
            findings.Deny("spec.strategy", $"Immediate drops the previous key at once, below the cluster minimum grace period of {minimum.Text}", "policy minGracePeriod");
            return;
        }

        string actual = spec.GracePeriod ?? $"{GoDuration.Format(effective.GracePeriod)} (the default)";
        findings.Deny("spec.gracePeriod", $"{actual} is below the cluster minimum of {minimum.Text}", "policy minGracePeriod");
    }
}
