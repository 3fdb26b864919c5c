// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Api;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Selectors;
using Microsoft.AspNetCore.Http;

namespace KeyOperator.ControlPlane.Http;

/// <summary>Reads meta/v1 options from the query string (and DeleteOptions from the body).</summary>
internal static class QueryParser
{
    public static bool IsTrue(IQueryCollection query, string name) =>
        query[name].ToString() is "true" or "1" or "True";

    public static RequestOptions WriteOptions(HttpContext context)
    {
        var query = context.Request.Query;
        var manager = query["fieldManager"].ToString();
        var validation = query["fieldValidation"].ToString();
        if (validation.Length > 0 && validation is not ("Ignore" or "Warn" or "Strict"))
        {
            throw ApiErrors.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got: {validation}");
        }

        var dryRun = query["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All")
        {
            throw ApiErrors.BadRequest($"dryRun: Unsupported value: \"{dryRun}\": supported values: \"All\"");
        }

        return new RequestOptions
        {
            DryRun = dryRun == "All",
            FieldManager = manager.Length > 0 ? manager : ManagerFromUserAgent(context.Request.Headers.UserAgent.ToString()),
            FieldManagerGiven = manager.Length > 0,
            FieldValidation = validation.Length > 0 ? validation : "Warn",
            Force = IsTrue(query, "force"),
        };
    }

    public static ListOptions ListOptions(IQueryCollection query, bool builtIn)
    {
        int? limit = null;
        if (query["limit"].ToString() is { Length: > 0 } limitText)
        {
            limit = int.TryParse(limitText, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : throw ApiErrors.BadRequest($"invalid limit: {limitText}");
        }

        return new ListOptions
        {
            LabelSelector = LabelSelector.Parse(query["labelSelector"].ToString()),
            FieldSelector = FieldSelector.Parse(query["fieldSelector"].ToString(), builtIn),
            Limit = limit,
            Continue = query["continue"].ToString() is { Length: > 0 } c ? c : null,
            ResourceVersion = query["resourceVersion"].ToString() is { Length: > 0 } rv ? rv : null,
        };
    }

    /// <summary>DeleteOptions from the body (what kubectl sends) with query parameters as a fallback.</summary>
    public static DeleteOptions DeleteOptions(IQueryCollection query, JsonNode? body)
    {
        var policy = body.GetString("propagationPolicy") ?? (query["propagationPolicy"].ToString() is { Length: > 0 } p ? p : null);
        if (policy is null && body?["orphanDependents"] is JsonValue orphan)
        {
            policy = orphan.GetValueKind() == System.Text.Json.JsonValueKind.True ? "Orphan" : "Background";
        }

        var dryRun = body.GetArray("dryRun").Strings().Contains("All") || query["dryRun"].ToString() == "All";
        var preconditions = body.GetObject("preconditions");
        long? grace = body?["gracePeriodSeconds"].AsLong();
        if (grace is null && long.TryParse(query["gracePeriodSeconds"].ToString(), System.Globalization.CultureInfo.InvariantCulture, out var g))
        {
            grace = g;
        }

        return new DeleteOptions
        {
            PropagationPolicy = policy ?? "Background",
            DryRun = dryRun,
            PreconditionUid = preconditions.GetString("uid"),
            PreconditionResourceVersion = preconditions.GetString("resourceVersion"),
            GracePeriodSeconds = grace,
        };
    }

    /// <summary>The apiserver derives a default manager from the User-Agent's product token.</summary>
    private static string ManagerFromUserAgent(string userAgent)
    {
        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash > 0 ? userAgent[..slash] : userAgent;
        return prefix.Length == 0 ? "unknown" : prefix.Length > 128 ? prefix[..128] : prefix;
    }
}
