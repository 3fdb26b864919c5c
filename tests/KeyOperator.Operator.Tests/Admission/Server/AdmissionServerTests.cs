// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using KeyOperator.Operator.Admission.Policy;
using KeyOperator.Operator.Tests.Admission.Fakes;

namespace KeyOperator.Operator.Tests.Admission.Server;

public sealed class AdmissionServerTests
{
    private const string ApiKeyPath = "/validate/keyoperator.io/v1alpha1/apikey";

    private static readonly AdmissionPolicy s_policy = new() { MinTokenEntropyBits = 128 };

    [Fact]
    public async Task Post_AllowedObject_EchoesUidAndAllows()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync(policy: s_policy);

        JsonObject response = await ReviewAsync(server, Reviews.Review(Reviews.ApiKey("{}"), uid: "a1b2"));

        Assert.Equal("admission.k8s.io/v1", (string?)response["apiVersion"]);
        Assert.Equal("AdmissionReview", (string?)response["kind"]);
        Assert.Equal("a1b2", (string?)response["response"]!["uid"]);
        Assert.True((bool)response["response"]!["allowed"]!);
        Assert.Null(response["response"]!["status"]);
    }

    [Fact]
    public async Task Post_Violation_DeniedWithStatusCodeMessageAndReason()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync(policy: s_policy);

        JsonObject response = await ReviewAsync(server, Reviews.Review(Reviews.ApiKey("""{"token":{"entropyBits":96}}""")));

        JsonNode result = response["response"]!;
        Assert.False((bool)result["allowed"]!);
        Assert.Equal(403, (int)result["status"]!["code"]!);
        Assert.Equal("Forbidden", (string?)result["status"]!["reason"]);
        Assert.Equal("spec.token.entropyBits: 96 is below the cluster minimum of 128 (policy minTokenEntropyBits)", (string?)result["status"]!["message"]);
    }

    [Fact]
    public async Task Post_SoftProblem_AllowedWithWarnings()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync();

        JsonObject response = await ReviewAsync(server, Reviews.Review(Reviews.ApiKey("""{"rotationPolicyRef":{"name":"later"}}""")));

        Assert.True((bool)response["response"]!["allowed"]!);
        Assert.Single(response["response"]!["warnings"]!.AsArray());
    }

    [Fact]
    public async Task Post_DryRun_AnsweredWithoutLookingElsewhere()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync(policy: s_policy);

        JsonObject response = await ReviewAsync(server, Reviews.Review(Reviews.ApiKey("""{"token":{"entropyBits":64}}"""), dryRun: true));

        Assert.False((bool)response["response"]!["allowed"]!);
    }

    [Fact]
    public async Task Post_RotationPolicyPath_Served()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync(policy: new AdmissionPolicy
        {
            MaxRotationInterval = new PolicyDuration(TimeSpan.FromHours(2160), "2160h"),
        });

        JsonObject response = await ReviewAsync(server, Reviews.Review(Reviews.RotationPolicy("""{"schedule":{"every":"4320h"}}""")), "/validate/keyoperator.io/v1alpha1/rotationpolicy");

        Assert.Equal("spec.schedule.every: 4320h is above the cluster maximum of 2160h (policy maxRotationInterval)", (string?)response["response"]!["status"]!["message"]);
    }

    [Fact]
    public async Task Post_UnknownKindPath_DeniedNotFailed()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync();

        JsonObject response = await ReviewAsync(server, Reviews.Review(Reviews.ApiKey("{}")), "/validate/keyoperator.io/v1alpha1/widget");

        Assert.False((bool)response["response"]!["allowed"]!);
        Assert.Equal("this webhook does not serve widget.v1alpha1.keyoperator.io", (string?)response["response"]!["status"]!["message"]);
    }

    [Theory]
    [InlineData("{not json", "request body is not valid JSON")]
    [InlineData("[1,2,3]", "request body is not a JSON object")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1beta1","kind":"AdmissionReview","request":{"uid":"u"}}""", "expected apiVersion admission.k8s.io/v1 and kind AdmissionReview; only admission.k8s.io/v1 is served (set admissionReviewVersions: [v1])")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"}""", "AdmissionReview has no request or no request.uid")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":""}}""", "AdmissionReview has no request or no request.uid")]
    [InlineData("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"a","uid":"b"}}""", "request body is not valid JSON")]
    public async Task Post_BadEnvelope_400WithReason(string body, string reason)
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync();

        using HttpResponseMessage response = await server.Client.PostAsync(ApiKeyPath, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason + "\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_OversizedBody_413AndServerKeepsServing()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync();
        JsonObject review = Reviews.Review(Reviews.ApiKey("{}"));
        review["request"]!["object"]!["metadata"]!["annotations"] = new JsonObject { ["big"] = new string('x', 3 * 1024 * 1024) };

        using HttpResponseMessage response = await server.Client.PostAsync(ApiKeyPath, new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        JsonObject after = await ReviewAsync(server, Reviews.Review(Reviews.ApiKey("{}")));
        Assert.True((bool)after["response"]!["allowed"]!);
    }

    [Fact]
    public async Task Post_OversizedChunkedBody_413WithoutContentLength()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync();
        using var content = new StreamContent(new MemoryStream(new byte[4 * 1024 * 1024]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, ApiKeyPath) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using HttpResponseMessage response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_WrongContentType_415()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync();

        using HttpResponseMessage response = await server.Client.PostAsync(ApiKeyPath, new StringContent("x", Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Get_Validate_405()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync();

        using HttpResponseMessage response = await server.Client.GetAsync(ApiKeyPath);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Handshake_Tls11_Refused()
    {
        await using AdmissionTestServer server = await AdmissionTestServer.StartAsync();
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
        using var tls = new System.Net.Security.SslStream(client.GetStream(), false, (_, _, _, _) => true);

#pragma warning disable SYSLIB0039 // Deliberately offering only an obsolete protocol.
        var options = new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls11,
        };
#pragma warning restore SYSLIB0039

        await Assert.ThrowsAnyAsync<Exception>(() => tls.AuthenticateAsClientAsync(options));
    }

    [Fact]
    public async Task Handshake_AfterCertificateFilesChange_ServesNewCertificate()
    {
        string directory = Directory.CreateTempSubdirectory("adm-tls-").FullName;
        try
        {
            X509Certificate2 first = WritePair(directory, "first");
            var provider = new KeyOperator.Operator.Admission.Certificates.FileServingCertificateProvider(
                Microsoft.Extensions.Options.Options.Create(new KeyOperator.Operator.Admission.AdmissionOptions
                {
                    CertificateFile = Path.Combine(directory, "tls.crt"),
                    PrivateKeyFile = Path.Combine(directory, "tls.key"),
                }),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<KeyOperator.Operator.Admission.Certificates.FileServingCertificateProvider>.Instance);
            await using AdmissionTestServer server = await AdmissionTestServer.StartAsync(provider);
            await ReviewAsync(server, Reviews.Review(Reviews.ApiKey("{}")));
            Assert.Equal(first.Thumbprint, server.LastServerCertificate!.Thumbprint);

            X509Certificate2 second = WritePair(directory, "second");
            await provider.RefreshAsync(CancellationToken.None);
            using var freshClient = new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c is not null && new X509Certificate2(c).Thumbprint == second.Thumbprint },
            });
            using HttpResponseMessage response = await freshClient.PostAsync(
                new Uri(server.BaseAddress, ApiKeyPath),
                new StringContent(Reviews.Review(Reviews.ApiKey("{}")).ToJsonString(), Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static X509Certificate2 WritePair(string directory, string name)
    {
        X509Certificate2 certificate = TestCertificates.Serving(name);
        using System.Security.Cryptography.ECDsa key = certificate.GetECDsaPrivateKey()!;
        File.WriteAllText(Path.Combine(directory, "tls.crt"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "tls.key"), key.ExportPkcs8PrivateKeyPem());
        return certificate;
    }

    private static async Task<JsonObject> ReviewAsync(AdmissionTestServer server, JsonObject review, string path = ApiKeyPath)
    {
        using HttpResponseMessage response = await server.Client.PostAsync(path, new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
