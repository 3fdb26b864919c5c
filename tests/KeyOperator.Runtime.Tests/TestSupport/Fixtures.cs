// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Tests.TestSupport;

/// <summary>Locates the third-party test vectors in tests/fixtures (KEYOP_FIXTURES overrides the location).</summary>
internal static class Fixtures
{
    public static string Root =>
        Environment.GetEnvironmentVariable("KEYOP_FIXTURES") is { Length: > 0 } path
            ? path
            : typeof(Fixtures).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
                .Cast<System.Reflection.AssemblyMetadataAttribute>()
                .Single(a => a.Key == "SharedFixtures").Value!;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
