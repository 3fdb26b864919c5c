// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Text;
using KeyOperator.Benchmarks.Macro;
using KeyOperator.Operator.Admission;
using KeyOperator.Operator.Admission.Certificates;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Admission.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyOperator.Benchmarks.Admission;

/// <summary>
/// Open-loop load at a fixed rate over HTTPS on loopback: the ApiKey validation route and, on the same listener
/// and connections, an endpoint that only drains the body, so the difference is the webhook's own cost.
/// Requests are sent on schedule whether or not earlier ones finished; latency is measured from each send.
/// </summary>
internal static class AdmissionLatencyScenario
{
    private const string ApiKeyReview = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"705ab4f5-6393-11e8-b7cc-42010a800002",
        "kind":{"group":"keyoperator.io","version":"v1alpha1","kind":"ApiKey"},
        "resource":{"group":"keyoperator.io","version":"v1alpha1","resource":"apikeys"},
        "name":"payments","namespace":"team-a","operation":"CREATE","userInfo":{"username":"kubernetes-admin"},
        "object":{"apiVersion":"keyoperator.io/v1alpha1","kind":"ApiKey","metadata":{"name":"payments","namespace":"team-a"},
        "spec":{"token":{"prefix":"pay_","entropyBits":256},"secretName":"payments-key"}},"oldObject":null,"dryRun":false}}
        """;

    public static async Task RunAsync(int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var lookups = new EmptyLookups();
        builder.Services.AddSingleton<IServingCertificateProvider>(new BenchCertificateProvider());
        builder.Services.AddSingleton<IAdmissionPolicyProvider>(new StaticAdmissionPolicyProvider(AdmissionPolicy.Empty));
        builder.Services.AddSingleton<IManagedSecretLookup>(lookups);
        builder.Services.AddSingleton<IRotationPolicyLookup>(lookups);
        builder.Services.AddSingleton<INamespaceLabelLookup>(lookups);
        builder.Services.AddKeyOperatorAdmission(static options =>
        {
            options.Port = 0;
            options.ListenAddress = "127.0.0.1";
        });
        await using WebApplication app = builder.Build();
        app.MapKeyOperatorAdmission();
        app.MapPost("/empty", static async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await app.StartAsync(cancellationToken);
        Uri baseAddress = new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        using var client = new HttpClient(new SocketsHttpHandler
        {
            // A throw-away certificate on loopback; the apiserver would check it against caBundle.
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
        })
        { BaseAddress = baseAddress };
        byte[] body = Encoding.UTF8.GetBytes(ApiKeyReview);
        const string admission = "/validate/keyoperator.io/v1alpha1/apikey";
        using (HttpResponseMessage probe = await PostAsync(client, admission, body, cancellationToken))
        {
            string verdict = await probe.Content.ReadAsStringAsync(cancellationToken);
            Console.WriteLine($"probe: {(int)probe.StatusCode} {verdict}");
        }

        TimeSpan warmup = TimeSpan.FromSeconds(3);
        await RunSeriesAsync(client, "/empty", body, rate, warmup, cancellationToken);
        await RunSeriesAsync(client, admission, body, rate, warmup, cancellationToken);
        // Alternating rounds in ABBA order, so drift in the machine's load hits both series alike.
        const int rounds = 4;
        TimeSpan slice = duration / rounds;
        var empty = new List<long>();
        var webhook = new List<long>();
        int emptyFailures = 0;
        int webhookFailures = 0;
        for (int round = 0; round < rounds; round++)
        {
            bool emptyFirst = round % 2 == 0;
            for (int half = 0; half < 2; half++)
            {
                bool runEmpty = emptyFirst == (half == 0);
                (long[] ticks, int failures) = await RunSeriesAsync(client, runEmpty ? "/empty" : admission, body, rate, slice, cancellationToken);
                if (runEmpty)
                {
                    empty.AddRange(ticks);
                    emptyFailures += failures;
                }
                else
                {
                    webhook.AddRange(ticks);
                    webhookFailures += failures;
                }
            }
        }

        Console.WriteLine($"{rate} requests/s, {duration.TotalSeconds:0} s per endpoint in {rounds} alternating rounds, HTTP/1.1 over TLS on 127.0.0.1, {body.Length}-byte AdmissionReview");
        Console.WriteLine($"empty endpoint:     {LatencySummary.From([.. empty], emptyFailures)}");
        Console.WriteLine($"ApiKey validation:  {LatencySummary.From([.. webhook], webhookFailures)}");
        await app.StopAsync(CancellationToken.None);
    }

    private static async Task<(long[] Ticks, int Failures)> RunSeriesAsync(HttpClient client, string path, byte[] body, int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        int count = (int)(rate * duration.TotalSeconds);
        long[] latencies = new long[count];
        int failures = 0;
        var requests = new Task[count];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            TimeSpan wait = TimeSpan.FromSeconds(i / (double)rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            int index = i;
            requests[i] = Task.Run(
                async () =>
                {
                    long start = Stopwatch.GetTimestamp();
                    try
                    {
                        using HttpResponseMessage response = await PostAsync(client, path, body, cancellationToken);
                        await response.Content.LoadIntoBufferAsync(cancellationToken);
                        if (!response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref failures);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref failures);
                    }

                    latencies[index] = Stopwatch.GetTimestamp() - start;
                },
                cancellationToken);
        }

        await Task.WhenAll(requests);
        return (latencies, failures);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, byte[] body, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return client.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
    }
}
