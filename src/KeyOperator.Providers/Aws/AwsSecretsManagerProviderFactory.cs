// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyOperator.Providers.Aws;

/// <summary>
/// Creates the Secrets Manager clients the <see cref="SecretProviderRegistry"/> shares, one per endpoint, role and
/// credentials: static keys used as they are, static keys that assume <c>role</c> first (STS AssumeRole), or web
/// identity (STS AssumeRoleWithWebIdentity with a ServiceAccount token). STS goes through the SDK's client, over the
/// connection's own trust (<see cref="StsHttpClientFactory"/>).
/// </summary>
public sealed partial class AwsSecretsManagerProviderFactory : ISecretProviderFactory
{
    /// <summary>The session name STS records for the operator's sessions (CloudTrail shows it).</summary>
    internal const string SessionName = "keyoperator";

    private readonly ProviderMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the factory.</summary>
    /// <param name="metrics">Counts STS calls as logins.</param>
    /// <param name="time">The clock requests are signed and credentials expire by.</param>
    /// <param name="loggerFactory">Logs client creation, STS calls and failures, if given.</param>
    public AwsSecretsManagerProviderFactory(ProviderMetrics metrics, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        _metrics = metrics;
        _time = time;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("KeyOperator.Providers.Aws");
    }

    /// <inheritdoc />
    public bool CanCreate(ProviderConnection connection) => connection is AwsSecretsManagerConnection;

    /// <inheritdoc />
    public ISecretProvider Create(ProviderConnection connection, HttpClient http, ProviderRateLimiter limiter)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(limiter);
        if (connection is not AwsSecretsManagerConnection aws)
        {
            throw new ArgumentException("not an AWS Secrets Manager connection", nameof(connection));
        }

        if (!IsRegion(aws.Region))
        {
            throw new ProviderException(ProviderFailure.InvalidRequest, $"region \"{aws.Region}\" is not an AWS region name (such as eu-west-1)");
        }

        Uri endpoint = aws.Endpoint ?? new Uri($"https://secretsmanager.{aws.Region}.amazonaws.com/");
        ProviderTransport.EnsureAllowed(endpoint, aws.AllowInsecureEndpoint);
        if (aws.StsEndpoint is { } sts)
        {
            ProviderTransport.EnsureAllowed(sts, aws.AllowInsecureEndpoint);
        }

        IAwsCredentialSource credentials = Credentials(aws);
        AwsLog.ClientCreated(_logger, endpoint.GetLeftPart(UriPartial.Authority), aws.Region, credentials.Describe);
        return new SecretsManagerClient(endpoint, aws.Region, credentials, http, limiter, _time, _logger);
    }

    private IAwsCredentialSource Credentials(AwsSecretsManagerConnection aws)
    {
        switch (aws.Auth)
        {
            case AwsStaticCredentials keys when aws.RoleArn is null:
                return new StaticCredentialSource(keys);
            case AwsStaticCredentials keys:
            {
                StaticCredentialSource source = new(keys);
                (AmazonSecurityTokenServiceClient client, StsHttpClientFactory factory, string name) = Sts(aws, source.Credentials);
                string role = aws.RoleArn;
                return new StsCredentialSource("AssumeRole", role, name, async ct =>
                {
                    AssumeRoleResponse response = await client.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role, RoleSessionName = SessionName }, ct).ConfigureAwait(false);
                    return response.Credentials;
                }, _metrics, _time, _logger, client, factory);
            }

            case AwsWebIdentity web:
            {
                string role = aws.RoleArn ?? throw new ProviderException(ProviderFailure.InvalidRequest, "web identity needs role: the role AssumeRoleWithWebIdentity assumes");
                // AssumeRoleWithWebIdentity is not signed: the ServiceAccount token is the credential.
                (AmazonSecurityTokenServiceClient client, StsHttpClientFactory factory, string name) = Sts(aws, new AnonymousAWSCredentials());
                IWorkloadTokenSource tokens = web.Tokens;
                return new StsCredentialSource("AssumeRoleWithWebIdentity", role, name, async ct =>
                {
                    // A fresh ServiceAccount token per call: it is short-lived and never kept past the call it is for.
                    SensitiveString token = await tokens.GetTokenAsync(ct).ConfigureAwait(false);
                    AssumeRoleWithWebIdentityRequest request = new() { RoleArn = role, RoleSessionName = SessionName, WebIdentityToken = token.Reveal() };
                    AssumeRoleWithWebIdentityResponse response = await client.AssumeRoleWithWebIdentityAsync(request, ct).ConfigureAwait(false);
                    return response.Credentials;
                }, _metrics, _time, _logger, client, factory);
            }

            default:
                throw new ProviderException(ProviderFailure.InvalidRequest, "unsupported AWS auth");
        }
    }

    private static (AmazonSecurityTokenServiceClient Client, StsHttpClientFactory Factory, string Name) Sts(AwsSecretsManagerConnection aws, AWSCredentials credentials)
    {
        StsHttpClientFactory factory = new(aws);
        AmazonSecurityTokenServiceConfig config = new()
        {
            HttpClientFactory = factory,
            // Two quick retries for a dropped connection; a longer outage is the controller's requeue with backoff.
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromSeconds(30),
        };
        string name;
        if (aws.StsEndpoint is { } sts)
        {
            config.ServiceURL = sts.AbsoluteUri;
            config.AuthenticationRegion = aws.Region;
            name = sts.GetLeftPart(UriPartial.Authority);
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(aws.Region);
            name = $"sts.{aws.Region}.amazonaws.com";
        }

        return (new AmazonSecurityTokenServiceClient(credentials, config), factory, name);
    }

    private static bool IsRegion(string region) => RegionName().IsMatch(region);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]{2}(-[a-z0-9]+){1,3}-[0-9]{1,2}$|^[a-z0-9]+(-[a-z0-9]+)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex RegionName();
}
