// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Xunit.Abstractions;

namespace KeyOperator.Kubernetes.Tests.Integration;

[Collection(ControlPlaneCollection.Name)]
public sealed class ScratchTests(ControlPlaneFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Scratch()
    {
        await foreach (var e in fixture.Client.WatchMetadataAsync(ResourceType.Namespaces, null, new WatchOptions { AllowWatchBookmarks = false }))
        {
            output.WriteLine("meta " + e.Type + " " + e.ResourceVersion);
            break;
        }

        var list = await fixture.Client.ListObjectsAsync(ResourceType.ConfigMaps, "default");
        for (int i = 0; i < 3; i++)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await foreach (var e in fixture.Client.WatchObjectsAsync(ResourceType.ConfigMaps, "default", new WatchOptions { ResourceVersion = list.Metadata.ResourceVersion }, cts.Token))
                {
                    output.WriteLine(i + " " + e.Type + " " + e.ResourceVersion);
                    break;
                }
            }
            catch (Exception ex)
            {
                output.WriteLine(ex.ToString());
            }
        }
    }
}
