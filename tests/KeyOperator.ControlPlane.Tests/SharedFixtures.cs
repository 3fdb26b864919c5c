// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Reflection;

namespace KeyOperator.ControlPlane.Tests;

/// <summary>
/// The third-party test vectors in tests/fixtures (their path is stamped into the assembly at build time;
/// KEYOP_FIXTURES overrides), so tests find them wherever the clone is.
/// </summary>
internal static class SharedFixtures
{
    public static string Root { get; } =
        Environment.GetEnvironmentVariable("KEYOP_FIXTURES") is { Length: > 0 } configured
            ? configured
            : typeof(SharedFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SharedFixtures").Value!;

    /// <summary>Third-party CRDs (cert-manager, External Secrets Operator).</summary>
    public static string ThirdPartyCrds { get; } = Path.Combine(Root, "kubernetes", "crds");
}
