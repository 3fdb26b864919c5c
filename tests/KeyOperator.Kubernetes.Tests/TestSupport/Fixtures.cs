// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.CompilerServices;

namespace KeyOperator.Kubernetes.Tests.TestSupport;

/// <summary>Locates the shared, read-only Kubernetes fixtures (override with KEYOP_FIXTURES).</summary>
internal static class Fixtures
{
    public static string Kubernetes { get; } = System.IO.Path.Combine(Root(), "kubernetes");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Kubernetes, .. parts]);

    private static string Root([CallerFilePath] string sourceFile = "")
    {
        if (Environment.GetEnvironmentVariable("KEYOP_FIXTURES") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (string? directory = System.IO.Path.GetDirectoryName(sourceFile); directory is not null; directory = System.IO.Path.GetDirectoryName(directory))
        {
            string candidate = System.IO.Path.Combine(directory, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/fixtures not found above the test sources; set KEYOP_FIXTURES.");
    }
}
