// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane;

/// <summary>One failure or delay rule of the <see cref="FaultInjector"/>; null filters match anything.</summary>
internal sealed class FaultRule(string? verb, string? resource, string? ns, string? name)
{
    public int Remaining { get; set; }

    public int StatusCode { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public TimeSpan Delay { get; init; }

    public bool Matches(string requestVerb, string requestResource, string? requestNamespace, string? requestName) =>
        (verb is null || verb == requestVerb)
        && (resource is null || resource == requestResource)
        && (ns is null || ns == requestNamespace)
        && (name is null || name == requestName);
}
