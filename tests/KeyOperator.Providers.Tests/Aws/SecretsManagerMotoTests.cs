// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.Providers.Aws;

namespace KeyOperator.Providers.Tests.Aws;

/// <summary>
/// The client against moto over real HTTPS (trusted through caBundle only), with moto checking SigV4 signatures and
/// IAM policies: the reader user carries exactly the policy docs/providers/aws.md publishes.
/// </summary>
public sealed class SecretsManagerMotoTests(MotoFixture moto) : IClassFixture<MotoFixture>
{
    [Fact]
    public async Task GetSecret_SecretString_ReturnsValueAndVersionId()
    {
        string name = Unique("string");
        string version = await moto.Enforced.CreateSecretAsync(name, """{"user":"app","password":"pw-1"}""");
        await using AwsTestHost host = new();

        RemoteSecret secret = await host.Client(moto.Enforced, AwsTestHost.Keys(moto.Identities.Reader)).GetSecretAsync(new RemoteReference(name), default);

        Assert.Equal("""{"user":"app","password":"pw-1"}""", Encoding.UTF8.GetString(secret.Value.Span));
        Assert.Equal(version, secret.Version);
    }

    [Fact]
    public async Task GetSecret_SecretBinary_ReturnsDecodedBytes()
    {
        string name = Unique("binary");
        byte[] bytes = [0, 1, 2, 250, 255];
        await moto.Enforced.SecretsManagerAsync(("create_secret", new JsonObject { ["Name"] = name, ["SecretBinaryBase64"] = Convert.ToBase64String(bytes) }));
        await using AwsTestHost host = new();

        RemoteSecret secret = await host.Client(moto.Enforced, AwsTestHost.Keys(moto.Identities.Reader)).GetSecretAsync(new RemoteReference(name), default);

        Assert.Equal(bytes, secret.Value.ToArray());
    }

    [Fact]
    public async Task GetSecret_ByVersionIdAndPreviousStage_ReturnsOlderValue()
    {
        string name = Unique("versions");
        string first = await moto.Enforced.CreateSecretAsync(name, "v1");
        string second = await moto.Enforced.PutSecretValueAsync(name, "v2");
        await using AwsTestHost host = new();
        ISecretProvider client = host.Client(moto.Enforced, AwsTestHost.Keys(moto.Identities.Reader));

        RemoteSecret current = await client.GetSecretAsync(new RemoteReference(name), default);
        RemoteSecret byId = await client.GetSecretAsync(new RemoteReference(name, first), default);
        RemoteSecret previous = await client.GetSecretAsync(new RemoteReference(name, "AWSPREVIOUS"), default);

        Assert.Equal(("v2", second), (Encoding.UTF8.GetString(current.Value.Span), current.Version));
        Assert.Equal(("v1", first), (Encoding.UTF8.GetString(byId.Value.Span), byId.Version));
        Assert.Equal(("v1", first), (Encoding.UTF8.GetString(previous.Value.Span), previous.Version));
    }

    [Fact]
    public async Task GetSecret_Missing_NotFound()
    {
        await using AwsTestHost host = new();

        ProviderException error = await Assert.ThrowsAsync<ProviderException>(() => host.Client(moto.Enforced, AwsTestHost.Keys(moto.Identities.Reader)).GetSecretAsync(new RemoteReference(Unique("missing")), default));

        Assert.Equal(ProviderFailure.NotFound, error.Failure);
        Assert.Contains("ResourceNotFoundException", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecret_UnknownVersionId_NotFound()
    {
        string name = Unique("noversion");
        await moto.Enforced.CreateSecretAsync(name, "v1");
        await using AwsTestHost host = new();

        ProviderException error = await Assert.ThrowsAsync<ProviderException>(() => host.Client(moto.Enforced, AwsTestHost.Keys(moto.Identities.Reader)).GetSecretAsync(new RemoteReference(name, Guid.NewGuid().ToString()), default));

        Assert.Equal(ProviderFailure.NotFound, error.Failure);
    }

    [Fact]
    public async Task GetSecret_WrongSecretKey_AuthFailedBySignatureCheck()
    {
        string name = Unique("wrongkey");
        await moto.Enforced.CreateSecretAsync(name, "v1");
        await using AwsTestHost host = new();

        ProviderException error = await Assert.ThrowsAsync<ProviderException>(() => host.Client(moto.Enforced, AwsTestHost.Keys(moto.Identities.Reader, "not-the-secret-key")).GetSecretAsync(new RemoteReference(name), default));

        Assert.Equal(ProviderFailure.AuthFailed, error.Failure);
        Assert.Contains("SignatureDoesNotMatch", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecret_UserWithoutPolicy_AuthFailedByIam()
    {
        string name = Unique("nopolicy");
        await moto.Enforced.CreateSecretAsync(name, "v1");
        await using AwsTestHost host = new();

        ProviderException error = await Assert.ThrowsAsync<ProviderException>(() => host.Client(moto.Enforced, AwsTestHost.Keys(moto.Identities.Nobody)).GetSecretAsync(new RemoteReference(name), default));

        Assert.Equal(ProviderFailure.AuthFailed, error.Failure);
        Assert.Contains("AccessDenied", error.Message, StringComparison.Ordinal);
        Assert.Contains("secretsmanager:GetSecretValue", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecret_WrongCaBundle_UnavailableTls()
    {
        await using AwsTestHost host = new();
        AwsSecretsManagerConnection connection = AwsTestHost.Connection(moto.Enforced, AwsTestHost.Keys(moto.Identities.Reader)) with { CaBundlePem = moto.Open.CaPem };

        ProviderException error = await Assert.ThrowsAsync<ProviderException>(() => host.Registry.Get(connection).GetSecretAsync(new RemoteReference("any"), default));

        Assert.Equal(ProviderFailure.Unavailable, error.Failure);
        Assert.Contains("TLS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecret_AssumeRole_ManyReadsOneAssumeRole()
    {
        string name = Unique("assumed");
        await moto.Enforced.CreateSecretAsync(name, "via-role");
        await using AwsTestHost host = new();
        ISecretProvider client = host.Client(moto.Enforced, AwsTestHost.Keys(moto.Identities.Assumer), moto.Identities.RoleArn);

        RemoteSecret[] reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetSecretAsync(new RemoteReference(name), default)));
        RemoteSecret again = await host.Registry.Get(AwsTestHost.Connection(moto.Enforced, AwsTestHost.Keys(moto.Identities.Assumer), moto.Identities.RoleArn)).GetSecretAsync(new RemoteReference(name), default);

        Assert.All(reads.Append(again), r => Assert.Equal("via-role", Encoding.UTF8.GetString(r.Value.Span)));
        Assert.Equal(1, await host.LoginsAsync());
        Assert.Equal(1, host.Registry.ClientCount);
    }

    [Fact]
    public async Task GetSecret_AssumerWithoutRole_AuthFailedByIam()
    {
        string name = Unique("assumer");
        await moto.Enforced.CreateSecretAsync(name, "v1");
        await using AwsTestHost host = new();

        ProviderException error = await Assert.ThrowsAsync<ProviderException>(() => host.Client(moto.Enforced, AwsTestHost.Keys(moto.Identities.Assumer)).GetSecretAsync(new RemoteReference(name), default));

        Assert.Equal(ProviderFailure.AuthFailed, error.Failure);
    }

    [Fact]
    public async Task GetSecret_AssumeRoleNotTrusted_AuthFailed()
    {
        await using AwsTestHost host = new();

        ProviderException error = await Assert.ThrowsAsync<ProviderException>(() => host.Client(moto.Enforced, AwsTestHost.Keys(moto.Identities.Reader), moto.Identities.RoleArn).GetSecretAsync(new RemoteReference("any"), default));

        Assert.Equal(ProviderFailure.AuthFailed, error.Failure);
        Assert.Contains("AssumeRole", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSecret_WebIdentity_OneTokenAndOneLoginForManyReads()
    {
        // moto without auth enforcement: AssumeRoleWithWebIdentity is unsigned, and an enforcing moto answers it with a 500.
        string name = Unique("webid");
        await moto.Open.CreateSecretAsync(name, "via-web-identity");
        AwsCountingWorkloadTokens tokens = new();
        await using AwsTestHost host = new();
        ISecretProvider client = host.Client(moto.Open, new AwsWebIdentity(tokens), "arn:aws:iam::123456789012:role/web");

        RemoteSecret[] reads = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetSecretAsync(new RemoteReference(name), default)));

        Assert.All(reads, r => Assert.Equal("via-web-identity", Encoding.UTF8.GetString(r.Value.Span)));
        Assert.Equal(1, tokens.Issued);
        Assert.Equal(1, await host.LoginsAsync());
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
