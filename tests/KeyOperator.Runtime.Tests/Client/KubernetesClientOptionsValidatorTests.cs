// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Client;

namespace KeyOperator.Runtime.Tests.Client;

public sealed class KubernetesClientOptionsValidatorTests
{
    [Theory]
    [InlineData(20, 30, 30, true)]
    [InlineData(-1, 30, 30, true)]
    [InlineData(0, 30, 30, false)]
    [InlineData(-2, 30, 30, false)]
    [InlineData(20_000, 30, 30, false)]
    [InlineData(20, 0, 30, false)]
    [InlineData(20, 30, 0, false)]
    [InlineData(20, 30, 601, false)]
    public void Validate_Options_AcceptsOnlyWorkableValues(double qps, int burst, int timeoutSeconds, bool valid)
    {
        var options = new KubernetesClientOptions { Qps = qps, Burst = burst, RequestTimeout = TimeSpan.FromSeconds(timeoutSeconds) };

        var result = new KubernetesClientOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public void Validate_BadQps_NamesTheFieldAndTheRange()
    {
        var result = new KubernetesClientOptionsValidator().Validate(null, new KubernetesClientOptions { Qps = 0 });

        Assert.Contains("Qps", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("-1", result.FailureMessage, StringComparison.Ordinal);
    }
}
