// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Admission.Review;

/// <summary>
/// Decides one AdmissionRequest for the kind named by the URL. Never throws for a parsed request: malformed objects
/// and failing lookups become denials. Side-effect free, so dryRun requests get exactly the same answer.
/// </summary>
/// <remarks>
/// Two choices keep existing objects manageable when the policy tightens: an UPDATE is not refused for a problem the
/// old object already had (it becomes a warning, as CRD validation ratcheting does), and an object being deleted is
/// always admitted, so finalizers can be removed.
/// </remarks>
internal sealed partial class AdmissionReviewer(
    IEnumerable<IAdmissionValidator> validators,
    IAdmissionPolicyProvider policyProvider,
    IOptions<AdmissionOptions> options,
    TimeProvider timeProvider,
    ILogger<AdmissionReviewer> logger)
{
    private readonly Dictionary<string, IAdmissionValidator> _validators = Index(validators);

    public async Task<AdmissionVerdict> ReviewAsync(string group, string version, string kind, AdmissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_validators.TryGetValue(Key(group, version, kind), out IAdmissionValidator? validator))
        {
            return AdmissionVerdict.Deny(400, "BadRequest", $"this webhook does not serve {kind}.{version}.{group}");
        }

        if (!string.Equals(request.Group, validator.Group, StringComparison.Ordinal) ||
            !string.Equals(request.Kind, validator.Kind, StringComparison.Ordinal))
        {
            return AdmissionVerdict.Deny(400, "BadRequest", $"request.kind {request.Kind}.{request.Group} does not match the webhook path for {validator.Kind}.{validator.Group}");
        }

        if (request.Operation is AdmissionOperation.Delete or AdmissionOperation.Connect)
        {
            return AdmissionVerdict.Allow();
        }

        if (request.Operation is AdmissionOperation.Unknown)
        {
            return AdmissionVerdict.Deny(400, "BadRequest", $"request.operation \"{request.OperationText}\" is not one of CREATE, UPDATE, DELETE, CONNECT");
        }

        if (request.Object is not JsonObject obj)
        {
            return AdmissionVerdict.Deny(400, "BadRequest", "request.object: missing or not a JSON object");
        }

        if (request.Operation is AdmissionOperation.Update && obj["metadata"] is JsonObject { } metadata && metadata["deletionTimestamp"] is not null)
        {
            return AdmissionVerdict.Allow();
        }

        var context = new AdmissionContext
        {
            Namespace = request.Namespace,
            Name = request.Name.Length > 0 ? request.Name : NameOf(obj),
            Operation = request.Operation,
            Policy = policyProvider.Current,
        };
        using var timeout = new CancellationTokenSource(options.Value.EvaluationTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            AdmissionFindings findings = await RunAsync(validator, context, obj, linked.Token).ConfigureAwait(false);
            AdmissionFindings? previous = request.Operation is AdmissionOperation.Update && request.OldObject is JsonObject old && findings.Denials.Count > 0
                ? await RunAsync(validator, context, old, linked.Token).ConfigureAwait(false)
                : null;
            return Decide(findings, previous);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Log.EvaluationTimedOut(logger, validator.Kind, request.Namespace, request.Name);
            return AdmissionVerdict.Deny(503, "ServiceUnavailable", "the admission policy could not be evaluated in time; retry shortly");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Lookup seams fail (cache not synced, apiserver unreachable); the object itself may also hold surprises
            // JsonNode only reports on access. Either way: answer, and keep serving.
            Log.EvaluationFailed(logger, validator.Kind, request.Namespace, request.Name, ex);
            return AdmissionVerdict.Deny(503, "ServiceUnavailable", "the admission policy could not be evaluated; retry shortly");
        }
    }

    private static async Task<AdmissionFindings> RunAsync(IAdmissionValidator validator, AdmissionContext context, JsonObject obj, CancellationToken cancellationToken)
    {
        var findings = new AdmissionFindings();
        await validator.ValidateAsync(context, obj, findings, cancellationToken).ConfigureAwait(false);
        return findings;
    }

    private static AdmissionVerdict Decide(AdmissionFindings findings, AdmissionFindings? previous)
    {
        var warnings = findings.Warnings.Select(w => w.ToString()).ToList();
        var denials = new List<string>();
        foreach (AdmissionFinding denial in findings.Denials)
        {
            if (previous is not null && previous.Denials.Contains(denial))
            {
                warnings.Add($"{denial} - admitted because the object already broke this rule before this update");
            }
            else
            {
                denials.Add(denial.ToString());
            }
        }

        if (denials.Count == 0)
        {
            return AdmissionVerdict.Allow(warnings);
        }

        bool malformed = findings.Denials.All(d => d.Rule == JsonFields.SchemaRule);
        return AdmissionVerdict.Deny(
            malformed ? 400 : 403,
            malformed ? "BadRequest" : "Forbidden",
            string.Join("; ", denials),
            warnings);
    }

    private static string NameOf(JsonObject obj) =>
        obj["metadata"] is JsonObject metadata && metadata["name"] is JsonValue name && name.TryGetValue(out string? text) ? text : string.Empty;

    // The first registration of a kind wins, so registering the webhook twice does not break start-up.
    private static Dictionary<string, IAdmissionValidator> Index(IEnumerable<IAdmissionValidator> validators)
    {
        var index = new Dictionary<string, IAdmissionValidator>(StringComparer.OrdinalIgnoreCase);
        foreach (IAdmissionValidator validator in validators)
        {
            index.TryAdd(Key(validator.Group, validator.Version, validator.Kind), validator);
        }

        return index;
    }

    private static string Key(string group, string version, string kind) => $"{group}/{version}/{kind}";

    private static partial class Log
    {
        [LoggerMessage(7101, LogLevel.Warning, "Admission policy for {Kind} {Namespace}/{Name} timed out", EventName = "AdmissionEvaluationTimedOut")]
        public static partial void EvaluationTimedOut(ILogger logger, string kind, string @namespace, string name);

        [LoggerMessage(7102, LogLevel.Error, "Admission policy for {Kind} {Namespace}/{Name} failed", EventName = "AdmissionEvaluationFailed")]
        public static partial void EvaluationFailed(ILogger logger, string kind, string @namespace, string name, Exception exception);
    }
}
