// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes.Authentication;
using KeyOperator.Kubernetes.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.Kubernetes.Tests.Authentication;

public sealed class TokenFileAuthenticatorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GetToken_FileRotated_RereadAfterOneMinute()
    {
        string path = _dir.WriteFile("token", "first\n");
        var authenticator = new TokenFileAuthenticator(path, _time);
        Assert.Equal("first", authenticator.GetToken());

        File.WriteAllText(path, "second");
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("first", authenticator.GetToken());

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("second", authenticator.GetToken());
    }

    [Fact]
    public void GetToken_FileVanishesAfterFirstRead_KeepsLastToken()
    {
        string path = _dir.WriteFile("token", "first");
        var authenticator = new TokenFileAuthenticator(path, _time);
        Assert.Equal("first", authenticator.GetToken());

        File.Delete(path);
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("first", authenticator.GetToken());
    }

    [Fact]
    public void Invalidate_AfterUnauthorized_RereadsAtOnce()
    {
        string path = _dir.WriteFile("token", "first");
        var authenticator = new TokenFileAuthenticator(path, _time);
        Assert.Equal("first", authenticator.GetToken());
        File.WriteAllText(path, "second");

        Assert.True(authenticator.Invalidate());

        Assert.Equal("second", authenticator.GetToken());
    }
}
