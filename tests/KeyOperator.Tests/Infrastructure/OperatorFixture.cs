// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using KeyOperator.Testing;

namespace KeyOperator.Tests.Infrastructure;

/// <summary>
/// The operator running against a cluster, plus the real kubectl pointed at it. Shared by the tests of a class; each
/// test works in its own namespace. This fixture always starts a local control plane of its own, as
/// <c>key-operator-local</c> does, because its tests need what only that offers (fault injection, a webhook the API
/// server can call, an operator they may stop); <see cref="PortableOperatorFixture"/> also runs on a real cluster.
/// </summary>
public class OperatorFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keyop-e2e-").FullName;
    private readonly ConcurrentBag<string> _namespaces = [];
    private OperatorEnvironment? _environment;

    /// <summary>What the operator logged.</summary>
    public CapturingLoggerProvider Logs => Environment.Logs;

    public OperatorEnvironment Environment => _environment ?? throw new InvalidOperationException("The fixture is not started.");

    public Kubectl Kubectl { get; private set; } = null!;

    /// <summary>True when the tests run on the cluster named by KEYOP_TEST_KUBECONFIG.</summary>
    public bool IsExternal { get; private set; }

    /// <summary>An admission policy file's content for the operator, or null for the built-in rules only.</summary>
    protected virtual string? PolicyYaml => null;

    /// <summary>An HSM settings file's content (--hsm-config), or null for none.</summary>
    protected virtual string? HsmYaml => null;

    /// <summary>Runs before the operator starts, with the fixture's private directory (an HSM token, say).</summary>
    protected virtual Task PrepareAsync(string directory) => Task.CompletedTask;

    /// <summary>Whether the tests need nothing but the Kubernetes API, and so may run on KEYOP_TEST_KUBECONFIG.</summary>
    protected virtual bool Portable => false;

    public async Task InitializeAsync()
    {
        IsExternal = Portable && ExternalCluster.IsConfigured;
        if (IsExternal)
        {
            _environment = await ExternalOperatorEnvironment.AcquireAsync();
        }
        else
        {
            string? policyFile = null;
            if (PolicyYaml is not null)
            {
                policyFile = Path.Combine(_directory, "policy.yaml");
                await File.WriteAllTextAsync(policyFile, PolicyYaml);
            }

            await PrepareAsync(_directory);
            string? hsmConfig = null;
            if (HsmYaml is not null)
            {
                hsmConfig = Path.Combine(_directory, "hsm.yaml");
                await File.WriteAllTextAsync(hsmConfig, HsmYaml);
            }

            _environment = await LocalOperatorEnvironment.StartAsync(_directory, policyFile, hsmConfig);
        }

        Kubectl = new Kubectl(_environment.KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        if (_environment is not null && IsExternal)
        {
            // A long-lived cluster keeps what a run leaves behind; the owned Secrets and ConfigMaps go with their namespace.
            foreach (string name in _namespaces)
            {
                await ExternalOperatorEnvironment.DeleteNamespaceAsync(_environment.Client, name);
            }
        }

        Kubectl?.Dispose();
        if (_environment is not null)
        {
            await _environment.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Marks a namespace a test created by other means (such as the samples) for removal from an external cluster.</summary>
    public void RemoveAtEnd(string @namespace) => _namespaces.Add(@namespace);

    /// <summary>Creates a fresh namespace for one test, so tests never see each other's objects.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix)
    {
        string name = ExternalCluster.UniqueName(prefix);
        (await Kubectl.RunAsync("apply -f -", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n")).EnsureSuccess();
        _namespaces.Add(name);
        return name;
    }
}
