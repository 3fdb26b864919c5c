// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using Amazon.Runtime;
using KeyOperator.Providers.Aws;

namespace KeyOperator.Providers.Tests.Aws;

/// <summary>
/// Our canonical request plus the SDK's signer against the AWS SigV4 test suite (botocore's copy, 2019 revision). Left
/// out: the normalize-path cases (our requests always go to <c>/</c>), get-vanilla-with-session-token (the suite's
/// own creq hashes the token; see SOURCES.md) and the S3-style double encoding.
/// </summary>
public sealed class SigV4SuiteTests
{
    private static readonly ImmutableCredentials s_credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);

    [Theory]
    [InlineData("get-vanilla")]
    [InlineData("get-vanilla-query")]
    [InlineData("get-vanilla-empty-query-key")]
    [InlineData("get-vanilla-query-order-key")]
    [InlineData("get-vanilla-query-order-key-case")]
    [InlineData("get-vanilla-query-order-value")]
    [InlineData("get-vanilla-query-order-encoded")]
    [InlineData("get-vanilla-query-unreserved")]
    [InlineData("get-vanilla-utf8-query")]
    [InlineData("get-unreserved")]
    [InlineData("get-utf8")]
    [InlineData("get-header-key-duplicate")]
    [InlineData("get-header-value-order")]
    [InlineData("get-header-value-trim")]
    [InlineData("get-header-value-multiline")]
    [InlineData("post-vanilla")]
    [InlineData("post-vanilla-query")]
    [InlineData("post-vanilla-empty-query-value")]
    [InlineData("post-header-key-case")]
    [InlineData("post-header-key-sort")]
    [InlineData("post-header-value-case")]
    [InlineData("post-x-www-form-urlencoded")]
    [InlineData("post-x-www-form-urlencoded-parameters")]
    [InlineData("post-sts-token/post-sts-header-before")]
    public void Sign_SuiteVector_MatchesCanonicalRequestAndAuthorization(string vector)
    {
        string name = vector.Split('/')[^1];
        string[] folder = ["aws-sigv4", "aws-sig-v4-test-suite", .. vector.Split('/')];
        SigV4Request request = AwsFixtures.ParseRequest(AwsFixtures.Read([.. folder, name + ".req"]));
        DateTime signedAt = DateTime.ParseExact(request.Headers.Single(h => h.Key.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)).Value, SigV4Signer.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        SigV4Signature signature = SigV4Signer.Sign(request, s_credentials, "us-east-1", "service", signedAt);

        Assert.Equal(AwsFixtures.Read([.. folder, name + ".creq"]).Replace("\r\n", "\n", StringComparison.Ordinal), signature.CanonicalRequest);
        Assert.Equal(AwsFixtures.Read([.. folder, name + ".authz"]).Trim(), signature.Authorization);
    }
}
