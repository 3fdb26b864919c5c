// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using System.Net;
using k8s;
using KeyOperator.Operator.Hosting;
using KeyOperator.Runtime.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace KeyOperator.Cli;

/// <summary>
/// <c>key-operator run</c>: the operator against a real cluster – in-cluster service account by default, or a
/// kubeconfig. This is the container's default command.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        Option<string?> kubeconfig = new("--kubeconfig") { Description = "Kubeconfig to use instead of the in-cluster service account." };
        Option<string?> context = new("--context") { Description = "Kubeconfig context." };
        Option<string> ns = new("--namespace") { Description = "The operator's namespace (leader-election Lease, webhook certificate).", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? "key-operator" };
        Option<int> metricsPort = new("--metrics-port") { Description = "Port of /metrics, /healthz, /readyz.", DefaultValueFactory = _ => 8080 };
        Option<int> webhookPort = new("--webhook-port") { Description = "HTTPS port of the admission webhook.", DefaultValueFactory = _ => 9443 };
        Option<string?> certFile = new("--webhook-cert-file") { Description = "Serving certificate (PEM); without it the operator manages its own CA and certificate." };
        Option<string?> keyFile = new("--webhook-key-file") { Description = "Private key (PEM) of --webhook-cert-file." };
        Option<string?> policyFile = new("--policy-file") { Description = "Admission policy file (docs/policy.md)." };
        Option<string?> hsmConfig = new("--hsm-config") { Description = "HSM settings file: the PKCS#11 modules, tokens and PIN Secrets ApiKeys may use (docs/hsm.md)." };
        Option<bool> noLeaderElection = new("--no-leader-election") { Description = "Run controllers without a Lease (single replica only)." };
        Option<int> workers = new("--workers") { Description = "Concurrent ApiKey reconciles.", DefaultValueFactory = _ => 4 };
        Option<double> qps = new("--kube-api-qps") { Description = "Client-side rate limit towards the API server, requests per second; -1 turns it off (the API server's Priority and Fairness then limits).", DefaultValueFactory = _ => 20 };
        Option<int> burst = new("--kube-api-burst") { Description = "Requests that may go at once above --kube-api-qps.", DefaultValueFactory = _ => 30 };

        Command command = new("run", "Run the operator against a cluster.")
        {
            kubeconfig, context, ns, metricsPort, webhookPort, certFile, keyFile, policyFile, hsmConfig, noLeaderElection, workers, qps, burst,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Flags that only this command combines; the options' own rules are checked when the host starts.
            int metrics = parse.GetValue(metricsPort);
            if (metrics is < 0 or > 65535)
            {
                await Console.Error.WriteLineAsync($"error: --metrics-port must be between 0 and 65535, not {metrics}").ConfigureAwait(false);
                return 2;
            }

            if (metrics != 0 && metrics == parse.GetValue(webhookPort))
            {
                await Console.Error.WriteLineAsync($"error: --metrics-port and --webhook-port must differ (both are {metrics})").ConfigureAwait(false);
                return 2;
            }

            KubernetesClientConfiguration configuration;
            try
            {
                configuration = KubernetesConfigurationLoader.Load(parse.GetValue(kubeconfig), parse.GetValue(context));
            }
            catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or k8s.Exceptions.KubernetesClientException or IOException or FormatException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return 2;
            }

            string operatorNamespace = parse.GetValue(ns)!;
            WebApplication host;
            try
            {
                host = OperatorHost.Build(new OperatorHostOptions
                {
                    Client = configuration,
                    Namespace = operatorNamespace,
                    LeaderElection = !parse.GetValue(noLeaderElection),
                    MetricsEndpoint = new IPEndPoint(IPAddress.Any, metrics),
                    ConfigureControllers = controllers => (controllers.ApiKeyWorkers, controllers.PolicyFile) = (parse.GetValue(workers), parse.GetValue(policyFile)),
                    ConfigureHsm = hsm => hsm.ConfigFile = parse.GetValue(hsmConfig),
                    ClientQps = parse.GetValue(qps),
                    ClientBurst = parse.GetValue(burst),
                    ConfigureAdmission = admission =>
                    {
                        admission.Port = parse.GetValue(webhookPort);
                        admission.CertificateFile = parse.GetValue(certFile);
                        admission.PrivateKeyFile = parse.GetValue(keyFile);
                        admission.PolicyFile = parse.GetValue(policyFile);
                        admission.SelfManaged.Namespace = operatorNamespace;
                    },
                });
            }
            catch (Exception ex) when (StartupValidation.Failures(ex) is { Count: > 0 } failures)
            {
                // Building the web host already resolves the webhook's certificate provider, and with it options.
                return await StartupValidation.ReportAsync(failures).ConfigureAwait(false);
            }

            await using (host.ConfigureAwait(false))
            {
                try
                {
                    await host.StartAsync(cancellationToken).ConfigureAwait(false);
                    await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (StartupValidation.Failures(ex) is { Count: > 0 } failures)
                {
                    // ValidateOnStart runs before any hosted service, so nothing has reached the API server yet.
                    return await StartupValidation.ReportAsync(failures).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Terminated while still starting (a pod deleted right after it was scheduled): stop whatever did
                    // start, which releases the Lease if it was already taken, and end as a normal termination.
                    await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }

            return 0;
        });
        return command;
    }
}
