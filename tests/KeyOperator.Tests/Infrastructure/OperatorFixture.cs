// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Cli;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Tests.Infrastructure;

/// <summary>
/// One local control plane with the operator running against it, as <c>key-operator dev</c> starts them, plus
/// the real kubectl pointed at it. Shared by the tests of a class; each test works in its own namespace.
/// </summary>
public class OperatorFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyop-e2e-").FullName;
    private DevEnvironment? _environment;

    public CapturingLoggerProvider Logs { get; } = new();

    internal DevEnvironment Environment => _environment ?? throw new InvalidOperationException("The fixture is not started.");

    public Kubectl Kubectl { get; private set; } = null!;

    /// <summary>An admission policy file's content for the operator, or null for the built-in rules only.</summary>
    protected virtual string? PolicyYaml => null;

    public async Task InitializeAsync()
    {
        string? policyFile = null;
        if (PolicyYaml is not null)
        {
            policyFile = Path.Combine(_directory, "policy.yaml");
            await File.WriteAllTextAsync(policyFile, PolicyYaml);
        }

        _environment = await DevEnvironment.StartAsync(
            new DevOptions
            {
                KubeconfigPath = Path.Combine(_directory, "kubeconfig"),
                PolicyFile = policyFile,
                ConfigureLogging = logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug),
            },
            TextWriter.Null,
            CancellationToken.None);
        Kubectl = new Kubectl(_environment.KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        Kubectl?.Dispose();
        if (_environment is not null)
        {
            await _environment.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Creates a fresh namespace for one test, so tests never see each other's objects.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        string name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        (await Kubectl.RunAsync("apply -f -", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n")).EnsureSuccess();
        return name;
    }
}
