// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using KeyOperator.Kubernetes.Errors;
using KeyOperator.Kubernetes.Tests.TestSupport;

namespace KeyOperator.Kubernetes.Tests.Errors;

public sealed class KubernetesErrorsTests
{
    [Theory]
    [InlineData(400, "BadRequest", typeof(BadRequestException))]
    [InlineData(401, "Unauthorized", typeof(UnauthorizedException))]
    [InlineData(403, "Forbidden", typeof(ForbiddenException))]
    [InlineData(404, "NotFound", typeof(NotFoundException))]
    [InlineData(409, "AlreadyExists", typeof(AlreadyExistsException))]
    [InlineData(409, "Conflict", typeof(ConflictException))]
    [InlineData(410, "Expired", typeof(ResourceExpiredException))]
    [InlineData(410, "Gone", typeof(ResourceExpiredException))]
    [InlineData(422, "Invalid", typeof(InvalidException))]
    [InlineData(429, "TooManyRequests", typeof(TooManyRequestsException))]
    [InlineData(500, "ServerTimeout", typeof(ServerTimeoutException))]
    [InlineData(504, "Timeout", typeof(ServerTimeoutException))]
    [InlineData(500, "InternalError", typeof(InternalErrorException))]
    [InlineData(503, "ServiceUnavailable", typeof(InternalErrorException))]
    [InlineData(415, "UnsupportedMediaType", typeof(KubernetesApiException))]
    public void FromResponse_StatusBody_MapsToType(int code, string reason, Type expected)
    {
        string body = $$"""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"m","reason":"{{reason}}","code":{{code}}}""";

        KubernetesApiException ex = KubernetesErrors.FromResponse(code, Encoding.UTF8.GetBytes(body), null);

        Assert.IsType(expected, ex);
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(reason, ex.Reason);
    }

    [Fact]
    public void FromResponse_DocumentedNotFound_KeepsDetails()
    {
        byte[] body = File.ReadAllBytes(Fixtures.Path("doc-extracts", "api-conventions-status-404-notfound.json"));

        var ex = Assert.IsType<NotFoundException>(KubernetesErrors.FromResponse(404, body, null));

        Assert.Equal("grafana", ex.Status.Details?.Name);
        Assert.Equal("pods", ex.Status.Details?.Kind);
        Assert.Contains("pods \"grafana\" not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_InvalidWithCauses_ExposesCauses()
    {
        const string body = """
            {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Invalid","code":422,"message":"ApiKey \"k\" is invalid",
             "details":{"name":"k","kind":"ApiKey","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.length"}]}}
            """;

        var ex = Assert.IsType<InvalidException>(KubernetesErrors.FromResponse(422, Encoding.UTF8.GetBytes(body), null));

        StatusCauseAssert(ex);
    }

    [Fact]
    public void FromResponse_TooManyRequests_RetryAfterFromHeaderOrDetails()
    {
        const string body = """{"kind":"Status","reason":"TooManyRequests","code":429,"details":{"retryAfterSeconds":7}}""";

        var fromDetails = Assert.IsType<TooManyRequestsException>(KubernetesErrors.FromResponse(429, Encoding.UTF8.GetBytes(body), null));
        var fromHeader = Assert.IsType<TooManyRequestsException>(KubernetesErrors.FromResponse(429, Encoding.UTF8.GetBytes(body), TimeSpan.FromSeconds(2)));

        Assert.Equal(TimeSpan.FromSeconds(7), fromDetails.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(2), fromHeader.RetryAfter);
    }

    [Theory]
    [InlineData(502, "<html>bad gateway secret-ish</html>", typeof(InternalErrorException), "InternalError")]
    [InlineData(404, "404 page not found", typeof(NotFoundException), "NotFound")]
    [InlineData(410, "", typeof(ResourceExpiredException), "Gone")]
    [InlineData(401, "{\"error\":\"nope\"}", typeof(UnauthorizedException), "Unauthorized")]
    [InlineData(403, "{\"message\":\"denied\",\"code\":403}", typeof(ForbiddenException), "Forbidden")]
    public void FromResponse_NonStatusBody_SynthesizesStatusWithoutBody(int code, string body, Type expected, string reason)
    {
        KubernetesApiException ex = KubernetesErrors.FromResponse(code, Encoding.UTF8.GetBytes(body), null);

        Assert.IsType(expected, ex);
        Assert.Equal(reason, ex.Reason);
        Assert.Equal(code, ex.Status.Code);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    private static void StatusCauseAssert(InvalidException ex)
    {
        KeyOperator.Kubernetes.Models.StatusCause cause = Assert.Single(ex.Causes);
        Assert.Equal("spec.length", cause.Field);
        Assert.Equal("FieldValueRequired", cause.Reason);
    }
}
