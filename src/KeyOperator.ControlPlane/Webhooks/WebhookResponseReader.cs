// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;

namespace KeyOperator.ControlPlane.Webhooks;

/// <summary>Checks an AdmissionReview response (<c>webhook/request/admissionreview.go</c> VerifyAdmissionResponse) and
/// turns a denial into the Status the apiserver returns (<c>webhook/errors/statuserror.go</c> ToStatusErr, v1.32).</summary>
internal static class WebhookResponseReader
{
    public static WebhookOutcome Read(string webhookName, string uid, JsonObject review)
    {
        var apiVersion = review.GetString("apiVersion") ?? string.Empty;
        var kind = review.GetString("kind") ?? string.Empty;
        if (apiVersion != "admission.k8s.io/v1" || kind != "AdmissionReview")
        {
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            var gv = slash < 0 ? "/" + apiVersion : apiVersion;
            throw Invalid($"expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview, got {gv}, Kind={kind}");
        }

        if (review.GetObject("response") is not { } response)
        {
            throw Invalid("webhook response was absent");
        }

        var gotUid = response.GetString("uid") ?? string.Empty;
        if (gotUid != uid)
        {
            throw Invalid($"expected response.uid=\"{uid}\", got \"{gotUid}\"");
        }

        if (response.GetString("patch") is { Length: > 0 })
        {
            throw Invalid("validating webhook may not return a patch");
        }

        var warnings = response.GetArray("warnings").Strings().Where(w => w.Length > 0).ToArray();
        return response["allowed"]?.GetValueKind() == System.Text.Json.JsonValueKind.True
            ? new WebhookOutcome(warnings, null)
            : new WebhookOutcome(warnings, Denied(webhookName, response.GetObject("status")));
    }

    private static WebhookCallException Invalid(string why) => new("received invalid webhook response: " + why);

    private static ApiException Denied(string webhookName, JsonObject? result)
    {
        var deniedBy = $"admission webhook \"{webhookName}\" denied the request";
        var code = (int)(result?["code"].AsLong() ?? 0);
        if (code < 400)
        {
            // apiserver v1.32: a rejection never carries a success code.
            code = 400;
        }

        var reason = result.GetString("reason") ?? string.Empty;
        var message = result.GetString("message") ?? string.Empty;
        var text = message.Length > 0 ? $"{deniedBy}: {message}"
            : reason.Length > 0 ? $"{deniedBy}: {reason}"
            : $"{deniedBy} without explanation";
        return new ApiException(code, reason, text, result?.GetObject("details")?.DeepClone().AsObject());
    }
}
