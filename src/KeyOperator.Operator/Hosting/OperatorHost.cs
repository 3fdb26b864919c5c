// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using KeyOperator.Operator;
using KeyOperator.Operator.Admission;
using KeyOperator.Runtime;
using KeyOperator.Runtime.Client;
using KeyOperator.Runtime.Events;
using KeyOperator.Runtime.Health;
using KeyOperator.Runtime.Kubernetes;
using KeyOperator.Runtime.LeaderElection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Operator.Hosting;

/// <summary>
/// Composes the operator: client, informers, controllers, leader election, events and the metrics/health endpoints.
/// The same host runs in a cluster (<c>key-operator run</c>) and against the local control plane (<c>key-operator-local</c>, tests).
/// </summary>
public static class OperatorHost
{
    /// <summary>Builds the host; not started. Options are validated when it starts.</summary>
    /// <param name="options">Which API server and which parts to run.</param>
    /// <returns>The host: the metrics and health endpoints, and the admission webhook when enabled.</returns>
    public static WebApplication Build(OperatorHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        // Listeners are configured on Kestrel directly (not with URLs) because the admission webhook adds its own
        // HTTPS listener there, and Kestrel ignores URL settings once any listener is configured in code.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(options.MetricsEndpoint));
        builder.Logging.ClearProviders();
        if (options.JsonLogs)
        {
            builder.Logging.AddJsonConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        options.ConfigureLogging?.Invoke(builder.Logging);
        IServiceCollection services = builder.Services;
        services.AddSingleton(options.TimeProvider);
        services.AddKeyOperatorKubernetesClients(options.Client, o =>
        {
            o.Qps = options.ClientQps;
            o.Burst = options.ClientBurst;
        });
        services.AddSingleton<IEventSink, KubernetesEventSink>();
        services.AddKeyOperatorEventRecorder();
        if (options.LeaderElection)
        {
            services.AddSingleton<ILeaseStore>(sp => new KubernetesLeaseStore(sp.GetRequiredKeyedService<IKubernetes>(KubernetesClientNames.LeaderElection), options.Namespace, "key-operator-leader"));
            services.AddKeyOperatorLeaderElection(o => o.LeaseName = "key-operator-leader");
        }

        services.AddKeyOperatorHsm(hsm =>
        {
            hsm.PinNamespace = options.Namespace;
            options.ConfigureHsm?.Invoke(hsm);
        });
        services.AddKeyOperatorControllers(options.ConfigureControllers);

        if (options.Admission)
        {
            services.AddKeyOperatorAdmissionWebhook(options.ConfigureAdmission);
        }

        WebApplication app = builder.Build();
        app.MapKeyOperatorMetrics();
        if (options.Admission)
        {
            app.MapKeyOperatorAdmission();
        }
        return app;
    }
}
