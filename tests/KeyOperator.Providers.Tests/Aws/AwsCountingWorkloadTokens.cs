// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using KeyOperator.Providers;

namespace KeyOperator.Providers.Tests.Aws;

/// <summary>A workload token source that issues "sa-jwt-1", "sa-jwt-2", … and counts how many it issued.</summary>
internal sealed class AwsCountingWorkloadTokens : IWorkloadTokenSource
{
    private int _issued;

    public string Identity => "team-a/app [sts.amazonaws.com]";

    public int Issued => Volatile.Read(ref _issued);

    public Task<SensitiveString> GetTokenAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SensitiveString("sa-jwt-" + Interlocked.Increment(ref _issued).ToString(CultureInfo.InvariantCulture)));
}
