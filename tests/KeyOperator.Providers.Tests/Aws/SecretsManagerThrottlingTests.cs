// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Emulators;
using KeyOperator.Providers.Aws;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KeyOperator.Providers.Tests.Aws;

/// <summary>
/// A ThrottlingException (which Secrets Manager sends with a 400, not a 429) pauses every client of the store. moto
/// never throttles, so a real local HTTPS listener answers as Secrets Manager does when it throttles.
/// </summary>
public sealed class SecretsManagerThrottlingTests
{
    [Fact]
    public async Task GetSecret_ThrottlingException_ThrottledAndLimiterPaused()
    {
        int requests = 0;
        await using EmulatorHost server = await EmulatorHost.StartAsync("throttling", app => app.MapPost("/", async context =>
        {
            Interlocked.Increment(ref requests);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.WriteAsync("""{"__type":"ThrottlingException","message":"Rate exceeded"}""");
        }));
        await using AwsTestHost host = new();
        AwsSecretsManagerConnection connection = new("us-east-1", new Uri(server.BaseAddress.AbsoluteUri.TrimEnd('/')), null, new AwsStaticCredentials("AKIDEXAMPLE", new SensitiveString("secret"), null))
        {
            CaBundlePem = server.CaPem,
        };
        DateTimeOffset before = DateTimeOffset.UtcNow;

        ProviderException error = await Assert.ThrowsAsync<ProviderException>(() => host.Registry.Get(connection).GetSecretAsync(new RemoteReference("db"), default));

        Assert.Equal(ProviderFailure.Throttled, error.Failure);
        Assert.True(error.RetryAfter > TimeSpan.Zero);
        Assert.True(host.Registry.Limiter(connection).PausedUntil > before);
        Assert.Equal(1, requests);
    }
}
