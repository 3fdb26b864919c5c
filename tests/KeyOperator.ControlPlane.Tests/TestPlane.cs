// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Tests;

/// <summary>A started control plane plus an HTTPS client that trusts its CA, with small JSON helpers.</summary>
internal sealed class TestPlane : IAsyncDisposable
{
    private TestPlane(LocalControlPlane plane)
    {
        Plane = plane;
        Client = plane.CreateHttpClient();
    }

    public LocalControlPlane Plane { get; }

    public HttpClient Client { get; }

    public static async Task<TestPlane> StartAsync(LocalControlPlaneOptions? options = null) =>
        new(await LocalControlPlane.StartAsync(options ?? new LocalControlPlaneOptions()));

    public async Task<Response> SendAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0 && (text[0] == '{' || text[0] == '['))
        {
            json = JsonNode.Parse(text);
        }

        var warnings = response.Headers.TryGetValues("Warning", out var values) ? values.ToList() : [];
        return new Response(response.StatusCode, json, text, warnings);
    }

    public Task<Response> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<Response> PostAsync(string path, string body, string contentType = "application/json") => SendAsync(HttpMethod.Post, path, body, contentType);

    public Task<Response> PutAsync(string path, string body) => SendAsync(HttpMethod.Put, path, body);

    public Task<Response> PatchAsync(string path, string body, string contentType) => SendAsync(HttpMethod.Patch, path, body, contentType);

    public Task<Response> DeleteAsync(string path, string? body = null) => SendAsync(HttpMethod.Delete, path, body);

    public async Task CreateNamespaceAsync(string name)
    {
        var response = await PostAsync("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}");
        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    public async Task<JsonObject> CreateAsync(string collectionPath, string body)
    {
        var response = await PostAsync(collectionPath, body);
        Assert.True(response.Status == HttpStatusCode.Created, response.Text);
        return response.Json!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Plane.DisposeAsync();
    }

    /// <summary>An HTTP answer: status, parsed JSON (when the body is JSON), raw text and Warning headers.</summary>
    internal sealed record Response(HttpStatusCode Status, JsonNode? Json, string Text, IReadOnlyList<string> Warnings)
    {
        public string? Reason => Json?["reason"]?.GetValue<string>();

        public string? Message => Json?["message"]?.GetValue<string>();

        public string? ResourceVersion => Json?["metadata"]?["resourceVersion"]?.GetValue<string>();
    }
}
