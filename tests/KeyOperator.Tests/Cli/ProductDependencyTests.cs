// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Reflection;
using KeyOperator.Cli;
using KeyOperator.Tests.Infrastructure;

namespace KeyOperator.Tests.Cli;

/// <summary>
/// The product binary carries no test server: key-operator (and everything it references) must not reference the
/// local control plane or its API machinery, which live in key-operator-local (src/KeyOperator.LocalCluster).
/// </summary>
public sealed class ProductDependencyTests
{
    private static readonly string[] TestServerAssemblies = ["KeyOperator.ControlPlane", "KeyOperator.ApiMachinery", "key-operator-local"];

    [Fact]
    public void KeyOperator_ReferencesNoTestServerAssembly()
    {
        Assembly product = typeof(RunCommand).Assembly;
        Assert.Equal("key-operator", product.GetName().Name);

        // Walks the product's KeyOperator.* references too, so a reference through the Operator or Runtime library counts.
        HashSet<string> seen = new(StringComparer.Ordinal);
        Queue<Assembly> pending = new([product]);
        List<string> offending = [];
        while (pending.TryDequeue(out Assembly? assembly))
        {
            foreach (AssemblyName reference in assembly.GetReferencedAssemblies())
            {
                string name = reference.Name!;
                if (TestServerAssemblies.Contains(name, StringComparer.Ordinal))
                {
                    offending.Add($"{assembly.GetName().Name} -> {name}");
                }
                else if (name.StartsWith("KeyOperator.", StringComparison.Ordinal) && seen.Add(name))
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
            }
        }

        Assert.True(offending.Count == 0, "The product references the test server: " + string.Join(", ", offending));
        Assert.Contains("KeyOperator.Operator", seen);
    }

    [Fact]
    public void OperatorAssembly_GrantsNoInternalsToTheExecutables()
    {
        // The executables compose the operator through its public API (KeyOperatorServiceCollectionExtensions);
        // only tests and benchmarks see its internals.
        string[] granted = [.. typeof(KeyOperator.Operator.KeyOperatorServiceCollectionExtensions).Assembly
            .GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(static a => a.AssemblyName)];

        Assert.DoesNotContain("key-operator", granted);
        Assert.DoesNotContain("key-operator-local", granted);
        Assert.Contains("KeyOperator.Tests", granted);
    }

    [Fact]
    public void LocalCluster_ComposesThroughTheOperatorAssemblyNotTheProductExecutable()
    {
        // key-operator-local builds the same host as `key-operator run` (OperatorHost, public in the operator
        // assembly), so it needs neither a reference to the product executable nor its internals.
        Assembly local = typeof(KeyOperator.LocalCluster.DevEnvironment).Assembly;
        Assert.Equal("key-operator-local", local.GetName().Name);
        Assert.DoesNotContain(local.GetReferencedAssemblies(), static r => r.Name == "key-operator");

        string[] granted = [.. typeof(RunCommand).Assembly
            .GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(static a => a.AssemblyName)];
        Assert.DoesNotContain("key-operator-local", granted);
    }

    [Fact]
    public async Task KeyOperator_HasNoDevCommand()
    {
        KubectlResult result = await KeyOperatorCli.RunAsync(string.Empty, "dev", "--control-plane-only");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("dev", result.StandardError, StringComparison.Ordinal);
    }
}
