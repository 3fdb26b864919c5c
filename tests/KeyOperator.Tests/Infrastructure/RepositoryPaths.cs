// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Tests.Infrastructure;

/// <summary>Finds files of the repository (samples, committed manifests) from the test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        string? stamped = typeof(RepositoryPaths).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (stamped is not null && File.Exists(Path.Combine(stamped, "KeyOperator.sln")))
        {
            return stamped;
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KeyOperator.sln")))
            {
                return dir.FullName;
            }
        }

        // Builds with KEYOP_ARTIFACTS put the output outside the repository; the working directory is inside it.
        for (DirectoryInfo? dir = new(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KeyOperator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KeyOperator.sln not found above the test output or working directory.");
    }
}
