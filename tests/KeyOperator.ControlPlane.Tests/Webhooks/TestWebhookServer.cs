// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KeyOperator.ControlPlane.Tests.Webhooks;

/// <summary>A validating webhook served by Kestrel over HTTPS on 127.0.0.1 with its own CA. Each path is answered by
/// a handler that gets the AdmissionReview request and returns the raw response body.</summary>
internal sealed class TestWebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerCertificates _certificates;

    private TestWebhookServer(WebApplication app, ServerCertificates certificates, int port)
    {
        _app = app;
        _certificates = certificates;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The caBundle to put in a webhook's clientConfig: base64 of the CA PEM.</summary>
    public string CaBundle => Convert.ToBase64String(Encoding.UTF8.GetBytes(_certificates.CaPem));

    /// <summary>Every AdmissionReview received, with the path it was sent to.</summary>
    public ConcurrentQueue<(string Path, JsonObject Review)> Received { get; } = new();

    /// <summary>Handlers by path; the default allows.</summary>
    public ConcurrentDictionary<string, Func<JsonObject, Task<string>>> Handlers { get; } = new();

    public string Url(string path) => $"https://127.0.0.1:{Port}{path}";

    public static async Task<TestWebhookServer> StartAsync()
    {
        var certificates = ServerCertificates.Create(DateTimeOffset.UtcNow, ["key-operator-webhook.keyop-system.svc"]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificates.Serving)));
        var app = builder.Build();
        TestWebhookServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        server = new TestWebhookServer(app, certificates, port);
        return server;
    }

    /// <summary>An AdmissionReview response echoing the request uid.</summary>
    public static string Review(JsonObject request, bool allowed, JsonObject? status = null, params string[] warnings)
    {
        var response = new JsonObject { ["uid"] = request["request"]!["uid"]!.GetValue<string>(), ["allowed"] = allowed };
        if (status is not null)
        {
            response["status"] = status;
        }

        if (warnings.Length > 0)
        {
            response["warnings"] = new JsonArray(warnings.Select(w => (JsonNode)JsonValue.Create(w)).ToArray());
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["response"] = response }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificates.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        using var reader = new StreamReader(context.Request.Body);
        var review = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
        Received.Enqueue((path, review));
        var body = Handlers.TryGetValue(path, out var handler) ? await handler(review) : Review(review, true);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}
