// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Tests;

public sealed class KeyOperatorServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData(0, 60_000, "ApiKeyWorkers")]
    [InlineData(65, 60_000, "ApiKeyWorkers")]
    [InlineData(4, 10, "MinimumRotationInterval")]
    [InlineData(4, 999, "MinimumRotationInterval")]
    public void AddKeyOperatorControllers_InvalidOptions_FailsAtStart(int workers, int minimumIntervalMs, string member)
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddKeyOperatorControllers(o =>
            {
                o.ApiKeyWorkers = workers;
                o.MinimumRotationInterval = TimeSpan.FromMilliseconds(minimumIntervalMs);
            })
            .BuildServiceProvider();

        Exception ex = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(Failures(ex), f => f.Contains(member, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 1_000)]
    [InlineData(64, 5_000)]
    public void AddKeyOperatorControllers_ValidOptions_PassesStartValidation(int workers, int minimumIntervalMs)
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddKeyOperatorControllers(o =>
            {
                o.ApiKeyWorkers = workers;
                o.MinimumRotationInterval = TimeSpan.FromMilliseconds(minimumIntervalMs);
            })
            .BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void AddKeyOperatorControllers_Defaults_OneMinuteAndFourWorkers()
    {
        using ServiceProvider provider = new ServiceCollection().AddKeyOperatorControllers().BuildServiceProvider();

        KeyOperatorControllerOptions options = provider.GetRequiredService<IOptions<KeyOperatorControllerOptions>>().Value;

        Assert.Equal((4, TimeSpan.FromMinutes(1)), (options.ApiKeyWorkers, options.MinimumRotationInterval));
    }

    private static IEnumerable<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures),
        _ => throw exception,
    };
}
