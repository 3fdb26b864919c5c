// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Providers;

namespace KeyOperator.Providers.Tests.Azure;

/// <summary>A workload token source that hands out one fixed ServiceAccount token and counts how often it is asked.</summary>
internal sealed class CountingWorkloadTokens(string token) : IWorkloadTokenSource
{
    private int _calls;

    public string Identity => "team-a/app [azure]";

    public int Calls => Volatile.Read(ref _calls);

    public Task<SensitiveString> GetTokenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new SensitiveString(token));
    }
}
