// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Reflection;

namespace KeyOperator.ControlPlane.Tests;

/// <summary>Finds the repository's committed files (config/ manifests) from the test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        // tests/Directory.Build.props stamps the root; builds with KEYOP_ARTIFACTS put the output outside the
        // repository, so the output folder alone would not find it.
        var stamped = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (stamped is not null && File.Exists(Path.Combine(stamped, "KeyOperator.sln")))
        {
            return stamped;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "KeyOperator.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("KeyOperator.sln not found above the test output or working directory.");
    }
}
