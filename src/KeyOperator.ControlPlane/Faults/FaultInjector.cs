// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane;

/// <summary>
/// Makes the local control plane misbehave on purpose so that tests can exercise retries, relists and resumption.
/// Thread-safe; rules are checked in the order they were added and a request is failed by at most one rule (a rule
/// still skipping counts the request and lets later rules look at it).
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _sync = new();
    private readonly List<FaultRule> _failures = [];
    private readonly List<FaultRule> _delays = [];
    private readonly List<RequestRecording> _recordings = [];
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
    /// <returns>A handle that reports when the failures happen.</returns>
    public FaultHandle FailNext(int count, int statusCode, string? verb = null, string? resource = null, string? @namespace = null, string? name = null, TimeSpan? retryAfter = null) =>
        Fail(
            new FaultTarget
            {
                Verbs = verb is null ? null : new HashSet<string>([verb], StringComparer.Ordinal),
                Resources = resource is null ? null : new HashSet<string>([resource], StringComparer.Ordinal),
                Namespace = @namespace,
                Name = name,
            },
            statusCode,
            count,
            skip: 0,
            retryAfter);

    /// <summary>
    /// Lets the first <paramref name="skip"/> requests matching <paramref name="target"/> through, then fails the next
    /// <paramref name="count"/> of them with <paramref name="statusCode"/>. With a skip of k and a count of one this
    /// fails exactly the (k+1)-th write of a sequence; with an unbounded count it stops a client's progress right
    /// before that write.
    /// </summary>
    /// <param name="target">Which requests count.</param>
    /// <param name="statusCode">HTTP status, such as 500, 503, 429, 409 or 410.</param>
    /// <param name="count">How many matching requests fail after the skipped ones.</param>
    /// <param name="skip">How many matching requests succeed first.</param>
    /// <param name="retryAfter">Sent as <c>Retry-After</c> (whole seconds) and <c>details.retryAfterSeconds</c>.</param>
    /// <returns>A handle that reports when the failures happen.</returns>
    public FaultHandle Fail(FaultTarget target, int statusCode, int count = 1, int skip = 0, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        FaultRule rule = new(target) { Skip = skip, Remaining = count, StatusCode = statusCode, RetryAfter = retryAfter };
        lock (_sync)
        {
            _failures.Add(rule);
        }

        return rule.Handle;
    }

    /// <summary>Records the requests matching <paramref name="target"/> until the recording is disposed.</summary>
    /// <param name="target">Which requests to record.</param>
    /// <returns>The recording; dispose it to stop.</returns>
    public RequestRecording Record(FaultTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        RequestRecording recording = new(target, r =>
        {
            lock (_sync)
            {
                _recordings.Remove(r);
            }
        });
        lock (_sync)
        {
            _recordings.Add(recording);
        }

        return recording;
    }

    /// <summary>Delays the responses to matching requests by <paramref name="delay"/> (for the next
    /// <paramref name="count"/> of them; by default for all until <see cref="Reset"/>).</summary>
    /// <param name="delay">How long to wait before handling the request.</param>
    /// <param name="verb">Kubernetes verb; null matches all.</param>
    /// <param name="resource">Plural resource; null matches all.</param>
    /// <param name="count">How many requests to delay.</param>
    public void Delay(TimeSpan delay, string? verb = null, string? resource = null, int count = int.MaxValue)
    {
        FaultTarget target = new()
        {
            Verbs = verb is null ? null : new HashSet<string>([verb], StringComparer.Ordinal),
            Resources = resource is null ? null : new HashSet<string>([resource], StringComparer.Ordinal),
        };
        lock (_sync)
        {
            _delays.Add(new FaultRule(target) { Remaining = count, Delay = delay });
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

    /// <summary>Removes all failure and delay rules (recordings go on until disposed).</summary>
    public void Reset()
    {
        lock (_sync)
        {
            _failures.Clear();
            _delays.Clear();
        }
    }

    /// <summary>Records the request, then returns the failure to answer with, consuming one count of the rule.</summary>
    internal ApiException? TakeFailure(FaultRequest request)
    {
        lock (_sync)
        {
            foreach (RequestRecording recording in _recordings)
            {
                if (recording.Target.Matches(request))
                {
                    recording.Add(request);
                }
            }

            FaultRule? rule = null;
            foreach (FaultRule candidate in _failures)
            {
                if (candidate.Remaining <= 0 || !candidate.Target.Matches(request))
                {
                    continue;
                }

                if (candidate.Skip > 0)
                {
                    candidate.Skip--;
                    continue;
                }

                rule = candidate;
                break;
            }

            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            rule.Handle.Failed(request);
            _failures.RemoveAll(r => r.Remaining <= 0);
            var retryAfter = rule.RetryAfter is { } ra ? (int?)Math.Max(1, (int)Math.Ceiling(ra.TotalSeconds)) : null;
            var details = retryAfter is null ? null : new System.Text.Json.Nodes.JsonObject { ["retryAfterSeconds"] = retryAfter };
            return new ApiException(rule.StatusCode, ReasonFor(rule.StatusCode), $"injected fault ({rule.StatusCode})", details, retryAfter);
        }
    }

    internal TimeSpan TakeDelay(FaultRequest request)
    {
        lock (_sync)
        {
            var rule = _delays.FirstOrDefault(r => r.Remaining > 0 && r.Target.Matches(request));
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
