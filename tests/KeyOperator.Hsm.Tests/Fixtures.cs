// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Reflection;

namespace KeyOperator.Hsm.Tests;

internal static class Fixtures
{
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([typeof(Fixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SharedFixtures").Value!, .. parts]);
}
