// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;

namespace KeyOperator.ProcessBench;

/// <summary>
/// The figures of one run: printed as they come, and written as <c>name value</c> lines to <c>--result</c> for
/// hack/perf-process.sh to tabulate side by side.
/// </summary>
internal sealed class Results(string? path)
{
    public void Add(string name, double value, string description)
    {
        string text = double.IsNaN(value) ? "n/a" : value.ToString("0.###", CultureInfo.InvariantCulture);
        Console.WriteLine($"result {name} {text}    # {description}");
        if (path is not null)
        {
            File.AppendAllText(path, $"{name} {text}\n");
        }
    }

    public static void Note(string text) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {text}");
}
