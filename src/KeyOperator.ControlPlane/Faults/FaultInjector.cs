// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane;

/// <summary>
/// Makes the local control plane misbehave on purpose so that tests can exercise retries, relists and resumption.
/// Thread-safe; rules are checked in the order they were added and a request consumes at most one failure rule.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _sync = new();
    private readonly List<FaultRule> _failures = [];
    private readonly List<FaultRule> _delays = [];
    private readonly ObjectStore _store;

    internal FaultInjector(ObjectStore store) => _store = store;

    /// <summary>Fails the next <paramref name="count"/> requests that match with <paramref name="statusCode"/>
    /// (a meta/v1 Status body whose reason fits the code, and a <c>Retry-After</c> header when given).</summary>
    /// <param name="count">How many matching requests fail.</param>
    /// <param name="statusCode">HTTP status, such as 500, 503, 429, 409 or 410.</param>
    /// <param name="verb">Kubernetes verb (get, list, watch, create, update, patch, delete, deletecollection); null matches all.</param>
    /// <param name="resource">Plural resource, such as <c>secrets</c>; null matches all.</param>
    /// <param name="namespace">Namespace; null matches all.</param>
    /// <param name="name">Object name; null matches all.</param>
    /// <param name="retryAfter">Sent as <c>Retry-After</c> (whole seconds) and <c>details.retryAfterSeconds</c>.</param>
    public void FailNext(int count, int statusCode, string? verb = null, string? resource = null, string? @namespace = null, string? name = null, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_sync)
        {
            _failures.Add(new FaultRule(verb, resource, @namespace, name) { Remaining = count, StatusCode = statusCode, RetryAfter = retryAfter });
        }
    }

    /// <summary>Delays the responses to matching requests by <paramref name="delay"/> (for the next
    /// <paramref name="count"/> of them; by default for all until <see cref="Reset"/>).</summary>
    /// <param name="delay">How long to wait before handling the request.</param>
    /// <param name="verb">Kubernetes verb; null matches all.</param>
    /// <param name="resource">Plural resource; null matches all.</param>
    /// <param name="count">How many requests to delay.</param>
    public void Delay(TimeSpan delay, string? verb = null, string? resource = null, int count = int.MaxValue)
    {
        lock (_sync)
        {
            _delays.Add(new FaultRule(verb, resource, null, null) { Remaining = count, Delay = delay });
        }
    }

    /// <summary>Ends every open watch stream; with <paramref name="sendExpired"/> each first receives an ERROR event
    /// carrying a 410 Expired Status, as a real apiserver sends when history was compacted.</summary>
    /// <param name="sendExpired">Send the 410 ERROR event before closing.</param>
    public void CloseAllWatches(bool sendExpired = false)
    {
        lock (_store.Sync)
        {
            _store.CloseAllWatchers(sendExpired ? ApiErrors.Expired(_store.TooOldMessage(_store.CurrentResourceVersion - 1)).ToStatus() : null);
        }
    }

    /// <summary>Compacts the watch history: every resourceVersion older than the current one now yields 410 Expired
    /// (watch resumption and list continue tokens).</summary>
    public void CompactHistory()
    {
        lock (_store.Sync)
        {
            _store.Compact();
        }
    }

    /// <summary>Removes all failure and delay rules.</summary>
    public void Reset()
    {
        lock (_sync)
        {
            _failures.Clear();
            _delays.Clear();
        }
    }

    /// <summary>Returns the failure to answer with for a request, consuming one count of the matching rule.</summary>
    internal ApiException? TakeFailure(string verb, string resource, string? ns, string? name)
    {
        lock (_sync)
        {
            var rule = _failures.FirstOrDefault(r => r.Remaining > 0 && r.Matches(verb, resource, ns, name));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            _failures.RemoveAll(r => r.Remaining <= 0);
            var retryAfter = rule.RetryAfter is { } ra ? (int?)Math.Max(1, (int)Math.Ceiling(ra.TotalSeconds)) : null;
            var details = retryAfter is null ? null : new System.Text.Json.Nodes.JsonObject { ["retryAfterSeconds"] = retryAfter };
            return new ApiException(rule.StatusCode, ReasonFor(rule.StatusCode), $"injected fault ({rule.StatusCode})", details, retryAfter);
        }
    }

    internal TimeSpan TakeDelay(string verb, string resource)
    {
        lock (_sync)
        {
            var rule = _delays.FirstOrDefault(r => r.Remaining > 0 && r.Matches(verb, resource, null, null));
            if (rule is null)
            {
                return TimeSpan.Zero;
            }

            rule.Remaining--;
            return rule.Delay;
        }
    }

    private static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Expired",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => string.Empty,
    };
}
