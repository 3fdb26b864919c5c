// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using KeyOperator.Providers.Aws;

namespace KeyOperator.Providers.Tests.Aws;

/// <summary>
/// The GetSecretValue request as we build it, against botocore's own signed requests for the same call (fixed clock,
/// tests/fixtures/aws-secretsmanager/generated-with-botocore), and the error parsing rules of the awsJson1_1
/// protocol tests.
/// </summary>
public sealed class SecretsManagerWireFormatTests
{
    private const string SessionToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
    private static readonly DateTimeOffset s_signedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("getsecretvalue", null, false)]
    [InlineData("getsecretvalue-session-token", "AWSPREVIOUS", true)]
    public void Sign_GetSecretValue_MatchesBotocore(string name, string? version, bool withToken)
    {
        ImmutableCredentials credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", withToken ? SessionToken : null);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(SecretsManagerVersion.Request(new RemoteReference("MyTestDatabaseSecret", version)), AwsJsonContext.Default.GetSecretValueRequest);
        string expectedBody = AwsFixtures.Read("aws-secretsmanager", "generated-with-botocore", name + ".req").Split("\n\n", 2)[1];

        (SigV4Request _, SigV4Signature signature) = SecretsManagerRequest.Sign(new Uri("https://secretsmanager.us-east-1.amazonaws.com"), "us-east-1", "GetSecretValue", body, credentials, s_signedAt);

        Assert.Equal(expectedBody, Encoding.UTF8.GetString(body));
        Assert.Equal(AwsFixtures.Read("aws-secretsmanager", "generated-with-botocore", name + ".creq"), signature.CanonicalRequest);
        Assert.Equal(AwsFixtures.Read("aws-secretsmanager", "generated-with-botocore", name + ".authz").Trim(), signature.Authorization);
    }

    [Fact]
    public void Create_GetSecretValue_SendsProtocolHeaders()
    {
        ImmutableCredentials credentials = new("AKIDEXAMPLE", "secret", SessionToken);

        using HttpRequestMessage request = SecretsManagerRequest.Create(new Uri("https://127.0.0.1:8443"), "eu-west-1", "GetSecretValue", "{}"u8.ToArray(), credentials, s_signedAt);

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("127.0.0.1:8443", request.Headers.Host);
        Assert.Equal("secretsmanager.GetSecretValue", Assert.Single(request.Headers.GetValues("X-Amz-Target")));
        Assert.Equal("20150830T123600Z", Assert.Single(request.Headers.GetValues("X-Amz-Date")));
        Assert.Equal(SessionToken, Assert.Single(request.Headers.GetValues("X-Amz-Security-Token")));
        Assert.Equal("application/x-amz-json-1.1", request.Content!.Headers.ContentType!.ToString());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/secretsmanager/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, Signature=", Assert.Single(request.Headers.GetValues("Authorization")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("AWSCURRENT", null, "AWSCURRENT")]
    [InlineData("AWSPREVIOUS", null, "AWSPREVIOUS")]
    [InlineData("AWSPENDING", null, "AWSPENDING")]
    [InlineData("my-label", null, "my-label")]
    [InlineData("EXAMPLE1-90ab-cdef-fedc-ba987SECRET1", null, "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1")]
    [InlineData("a1b2c3d4-5678-90ab-cdef-EXAMPLE11111", null, "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111")]
    [InlineData("3f1c2b9e-7a4d-4e8f-9b0a-1c2d3e4f5a6b", "3f1c2b9e-7a4d-4e8f-9b0a-1c2d3e4f5a6b", null)]
    public void Request_Version_UuidIsVersionIdElseStage(string? version, string? versionId, string? stage)
    {
        GetSecretValueRequest request = SecretsManagerVersion.Request(new RemoteReference("db", version));

        Assert.Equal(versionId, request.VersionId);
        Assert.Equal(stage, request.VersionStage);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" db")]
    [InlineData("db\n")]
    public void Request_BadSecretId_InvalidRequest(string key)
    {
        ProviderException error = Assert.Throws<ProviderException>(() => SecretsManagerVersion.Request(new RemoteReference(key)));

        Assert.Equal(ProviderFailure.InvalidRequest, error.Failure);
    }

    // The error-code rules of botocore's protocol tests (output-json.json, awsJson1_1): header first, then __type or
    // code, with a namespace# prefix and a :http://… suffix stripped; plus the XML ErrorResponse moto's IAM layer sends.
    [Theory]
    [InlineData(400, null, """{"__type":"ResourceNotFoundException","message":"Secrets Manager can't find the specified secret."}""", "ResourceNotFoundException", ProviderFailure.NotFound)]
    [InlineData(400, null, """{"__type":"aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/","message":"Hi"}""", "FooError", ProviderFailure.InvalidRequest)]
    [InlineData(400, "FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "{}", "FooError", ProviderFailure.InvalidRequest)]
    [InlineData(400, null, """{"code":"ThrottlingException","Message":"Rate exceeded"}""", "ThrottlingException", ProviderFailure.Throttled)]
    [InlineData(400, null, """{"__type":"com.amazonaws.secretsmanager#DecryptionFailure"}""", "DecryptionFailure", ProviderFailure.AuthFailed)]
    [InlineData(400, null, """{"__type":"UnrecognizedClientException"}""", "UnrecognizedClientException", ProviderFailure.AuthFailed)]
    [InlineData(400, null, """{"__type":"InvalidRequestException","message":"You can't perform this operation on the secret because it was marked for deletion."}""", "InvalidRequestException", ProviderFailure.InvalidRequest)]
    [InlineData(403, null, """<?xml version="1.0" encoding="utf-8"?><ErrorResponse><Errors><Error><Code>AccessDenied</Code><Message>User: x is not authorized</Message></Error></Errors></ErrorResponse>""", "AccessDenied", ProviderFailure.AuthFailed)]
    [InlineData(403, null, """<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code></Error></Errors></ErrorResponse>""", "SignatureDoesNotMatch", ProviderFailure.AuthFailed)]
    [InlineData(500, null, """{"__type":"InternalServiceError"}""", "InternalServiceError", ProviderFailure.Unavailable)]
    [InlineData(503, null, "<html>bad gateway</html>", null, ProviderFailure.Unavailable)]
    [InlineData(404, null, "not found", null, ProviderFailure.Unavailable)]
    [InlineData(429, null, "", null, ProviderFailure.Throttled)]
    public void Classify_ErrorAnswer_MapsCodeToFailure(int status, string? header, string body, string? code, ProviderFailure failure)
    {
        AwsError error = AwsError.Parse((HttpStatusCode)status, header, Encoding.UTF8.GetBytes(body));

        Assert.Equal(code, error.Code);
        Assert.Equal(failure, SecretsManagerErrors.Classify(error));
    }
}
