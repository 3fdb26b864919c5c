// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Reflection;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Tests.Logging;

/// <summary>
/// Every product assembly writes to one log stream, and people filter it by event id: an id may stand for one message
/// only (the ranges are in docs/architecture.md, Observability).
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] Product =
    [
        typeof(KeyOperator.Cli.RunCommand).Assembly,
        typeof(KeyOperator.Runtime.RuntimeServiceCollectionExtensions).Assembly,
        typeof(KeyOperator.Operator.ApiKeys.ApiKeyConstants).Assembly,
        typeof(KeyOperator.Providers.SecretProviderRegistry).Assembly,
        typeof(KeyOperator.Hsm.HsmRegistry).Assembly,
        typeof(KeyOperator.ControlPlane.LocalControlPlane).Assembly,
        typeof(KeyOperator.LocalCluster.DevEnvironment).Assembly,
    ];

    [Fact]
    public void LoggerMessages_AcrossTheProduct_HaveUniqueEventIds()
    {
        List<(int Id, string Where)> messages = [.. Product
            .SelectMany(static a => a.GetTypes())
            .SelectMany(static t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .SelectMany(static m => m.GetCustomAttributes<LoggerMessageAttribute>().Select(a => (a.EventId, $"{m.DeclaringType!.FullName}.{m.Name}")))];

        string[] duplicates = [.. messages
            .GroupBy(static m => m.Id)
            .Where(static g => g.Count() > 1)
            .Select(static g => $"{g.Key}: {string.Join(", ", g.Select(static m => m.Where))}")];

        Assert.True(messages.Count > 40, $"only {messages.Count} [LoggerMessage] methods found; the scan is broken");
        Assert.True(duplicates.Length == 0, "event ids used twice: " + string.Join("; ", duplicates));
    }
}
