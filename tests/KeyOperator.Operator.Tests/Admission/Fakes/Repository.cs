// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Runtime.CompilerServices;

namespace KeyOperator.Operator.Tests.Admission;

/// <summary>Finds committed files from the test sources (build output lives elsewhere with KEYOP_ARTIFACTS).</summary>
internal static class Repository
{
    public static string Root([CallerFilePath] string sourceFile = "")
    {
        DirectoryInfo? directory = new FileInfo(sourceFile).Directory;
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KeyOperator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found above " + sourceFile);
    }
}
