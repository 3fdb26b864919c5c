// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace KeyOperator.ControlPlane.Tests.Tokens;

/// <summary>TokenRequest, TokenReview and the issuer discovery documents over real HTTPS, through the official client
/// where it has the call; signatures are checked with the published JWKS and System.Security.Cryptography only.</summary>
public sealed class ServiceAccountTokenTests
{
    [Fact]
    public async Task CreateToken_WithAudienceAndExpiration_ClaimsLikeKubeApiserverAndSignedByJwksKey()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);
        var account = await TokenClient.CreateServiceAccountAsync(client, "team-a", "robot");

        var response = await TokenClient.RequestAsync(client, "team-a", "robot", 600, "vault");
        var jwt = response.Status.Token;
        var header = TokenClient.Header(jwt);
        var claims = TokenClient.Payload(jwt);
        using var anonymous = TokenClient.Anonymous(plane.Plane);
        var discovery = JsonNode.Parse(await anonymous.GetStringAsync(new Uri(claims["iss"]!.GetValue<string>() + "/.well-known/openid-configuration")))!;
        var jwks = JsonNode.Parse(await anonymous.GetStringAsync(new Uri(discovery["jwks_uri"]!.GetValue<string>())))!;
        var jwk = Assert.Single(jwks["keys"]!.AsArray())!;
        using var key = TokenClient.KeyFrom(jwk);

        Assert.True(TokenClient.SignatureValid(key, jwt));
        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal(jwk["kid"]!.GetValue<string>(), header["kid"]!.GetValue<string>());
        Assert.Equal(Base64Url.EncodeToString(SHA256.HashData(key.ExportSubjectPublicKeyInfo())), header["kid"]!.GetValue<string>());
        Assert.Equal(plane.Plane.ServiceAccountKeyId, header["kid"]!.GetValue<string>());
        Assert.Equal(["vault"], claims["aud"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(plane.Plane.ServiceAccountIssuer, claims["iss"]!.GetValue<string>());
        Assert.Equal(plane.Plane.BaseAddress.ToString().TrimEnd('/'), claims["iss"]!.GetValue<string>());
        Assert.Equal("system:serviceaccount:team-a:robot", claims["sub"]!.GetValue<string>());
        var iat = claims["iat"]!.GetValue<long>();
        Assert.Equal(iat, claims["nbf"]!.GetValue<long>());
        Assert.Equal(iat + 600, claims["exp"]!.GetValue<long>());
        Assert.True(Guid.TryParse(claims["jti"]!.GetValue<string>(), out _));
        Assert.Equal("team-a", claims["kubernetes.io"]!["namespace"]!.GetValue<string>());
        Assert.Equal("robot", claims["kubernetes.io"]!["serviceaccount"]!["name"]!.GetValue<string>());
        Assert.Equal(account.Metadata.Uid, claims["kubernetes.io"]!["serviceaccount"]!["uid"]!.GetValue<string>());
        Assert.Null(claims["kubernetes.io"]!["secret"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(iat + 600).UtcDateTime, response.Status.ExpirationTimestamp!.Value.ToUniversalTime());
        Assert.Equal(["vault"], response.Spec.Audiences);
        Assert.Equal(600, response.Spec.ExpirationSeconds);
        Assert.Equal("robot", response.Metadata.Name);
        Assert.Equal("team-a", response.Metadata.NamespaceProperty);
    }

    [Fact]
    public async Task CreateToken_NoAudiencesNoExpiration_ApiServerAudienceAndOneHour()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);
        await TokenClient.CreateServiceAccountAsync(client, "default", "robot");

        var response = await TokenClient.RequestAsync(client, "default", "robot", null);
        var claims = TokenClient.Payload(response.Status.Token);

        Assert.Equal([plane.Plane.ServiceAccountIssuer], response.Spec.Audiences);
        Assert.Equal([plane.Plane.ServiceAccountIssuer], claims["aud"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(3600, response.Spec.ExpirationSeconds);
        Assert.Equal(3600, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
    }

    [Fact]
    public async Task CreateToken_LongerThanMaximum_CappedToMaximum()
    {
        await using var plane = await TestPlane.StartAsync(new LocalControlPlaneOptions { ServiceAccountMaxTokenExpiration = TimeSpan.FromHours(2) });
        using var client = TokenClient.Connect(plane.Plane);
        await TokenClient.CreateServiceAccountAsync(client, "default", "robot");

        var response = await TokenClient.RequestAsync(client, "default", "robot", 86400, "vault");
        var claims = TokenClient.Payload(response.Status.Token);

        Assert.Equal(7200, response.Spec.ExpirationSeconds);
        Assert.Equal(7200, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
    }

    [Fact]
    public async Task CreateToken_MissingServiceAccount_NotFoundStatus()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);

        var ex = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => TokenClient.RequestAsync(client, "default", "ghost", 600, "vault"));
        var status = JsonNode.Parse(ex.Response.Content)!;

        Assert.Equal(HttpStatusCode.NotFound, ex.Response.StatusCode);
        Assert.Equal("NotFound", status["reason"]!.GetValue<string>());
        Assert.Equal("serviceaccounts \"ghost\" not found", status["message"]!.GetValue<string>());
        Assert.Equal("serviceaccounts", status["details"]!["kind"]!.GetValue<string>());
        Assert.DoesNotContain("token\":", ex.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_ExpirationUnderTenMinutes_Invalid()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync("/api/v1/namespaces/default/serviceaccounts", """{"metadata":{"name":"robot"}}""");

        var response = await plane.PostAsync(
            "/api/v1/namespaces/default/serviceaccounts/robot/token",
            """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{"audiences":["vault"],"expirationSeconds":60}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("Invalid", response.Reason);
        Assert.Equal(
            "TokenRequest.authentication.k8s.io \"\" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes",
            response.Message);
        Assert.Equal("spec.expirationSeconds", response.Json!["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateToken_GetOnTokenSubresource_MethodNotAllowed()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync("/api/v1/namespaces/default/serviceaccounts", """{"metadata":{"name":"robot"}}""");

        var get = await plane.GetAsync("/api/v1/namespaces/default/serviceaccounts/robot/token");
        var list = await plane.GetAsync("/apis/authentication.k8s.io/v1/tokenreviews");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, list.Status);
    }

    [Fact]
    public async Task TokenReview_FreshToken_AuthenticatedAsServiceAccount()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);
        var account = await TokenClient.CreateServiceAccountAsync(client, "team-a", "robot");
        var token = (await TokenClient.RequestAsync(client, "team-a", "robot", 3600, "vault", "sts.amazonaws.com")).Status.Token;

        var review = await TokenClient.ReviewAsync(client, token, "sts.amazonaws.com", "other");

        Assert.True(review.Status.Authenticated);
        Assert.Null(review.Status.Error);
        Assert.Equal("system:serviceaccount:team-a:robot", review.Status.User.Username);
        Assert.Equal(account.Metadata.Uid, review.Status.User.Uid);
        Assert.Equal(["system:serviceaccounts", "system:serviceaccounts:team-a", "system:authenticated"], review.Status.User.Groups);
        Assert.Equal(["sts.amazonaws.com"], review.Status.Audiences);
        var credential = Assert.Single(review.Status.User.Extra["authentication.kubernetes.io/credential-id"]);
        Assert.Equal("JTI=" + TokenClient.Payload(token)["jti"]!.GetValue<string>(), credential);
    }

    [Fact]
    public async Task TokenReview_NoSpecAudiences_UsesApiServerAudience()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);
        await TokenClient.CreateServiceAccountAsync(client, "default", "robot");
        var apiToken = (await TokenClient.RequestAsync(client, "default", "robot", null)).Status.Token;
        var vaultToken = (await TokenClient.RequestAsync(client, "default", "robot", null, "vault")).Status.Token;

        var api = await TokenClient.ReviewAsync(client, apiToken);
        var vault = await TokenClient.ReviewAsync(client, vaultToken);

        Assert.True(api.Status.Authenticated);
        Assert.Equal([plane.Plane.ServiceAccountIssuer], api.Status.Audiences);
        Assert.NotEqual(true, vault.Status.Authenticated);
        Assert.Equal($"[invalid bearer token, token audiences [\"vault\"] is invalid for the target audiences [\"{plane.Plane.ServiceAccountIssuer}\"]]", vault.Status.Error);
    }

    [Fact]
    public async Task TokenReview_WrongAudience_NotAuthenticatedWithReason()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);
        await TokenClient.CreateServiceAccountAsync(client, "default", "robot");
        var token = (await TokenClient.RequestAsync(client, "default", "robot", 600, "vault")).Status.Token;

        var review = await TokenClient.ReviewAsync(client, token, "api://AzureADTokenExchange");

        Assert.NotEqual(true, review.Status.Authenticated);
        Assert.Null(review.Status.User.Username);
        Assert.Null(review.Status.Audiences);
        Assert.Equal("[invalid bearer token, token audiences [\"vault\"] is invalid for the target audiences [\"api://AzureADTokenExchange\"]]", review.Status.Error);
    }

    [Fact]
    public async Task TokenReview_ExpiredOnTheServerClock_RejectedOnlyAfterTheLeeway()
    {
        // Near the wall clock: the serving certificate is issued on the fake clock, and the client checks it on the real one.
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var time = new FakeTimeProvider(start);
        await using var plane = await TestPlane.StartAsync(new LocalControlPlaneOptions { TimeProvider = time });
        using var client = TokenClient.Connect(plane.Plane);
        await TokenClient.CreateServiceAccountAsync(client, "default", "robot");
        var response = await TokenClient.RequestAsync(client, "default", "robot", 600, "vault");

        time.Advance(TimeSpan.FromSeconds(600 + 59));
        var withinLeeway = await TokenClient.ReviewAsync(client, response.Status.Token, "vault");
        time.Advance(TimeSpan.FromSeconds(2));
        var expired = await TokenClient.ReviewAsync(client, response.Status.Token, "vault");

        Assert.Equal(start.AddSeconds(600).UtcDateTime, response.Status.ExpirationTimestamp!.Value.ToUniversalTime());
        Assert.Equal(start.ToUnixTimeSeconds(), TokenClient.Payload(response.Status.Token)["iat"]!.GetValue<long>());
        Assert.True(withinLeeway.Status.Authenticated);
        Assert.NotEqual(true, expired.Status.Authenticated);
        Assert.Equal("[invalid bearer token, service account token has expired]", expired.Status.Error);
    }

    [Fact]
    public async Task TokenReview_ServiceAccountDeletedAndRecreated_UidMismatchRejected()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);
        var first = await TokenClient.CreateServiceAccountAsync(client, "default", "robot");
        var token = (await TokenClient.RequestAsync(client, "default", "robot", 600, "vault")).Status.Token;

        await client.CoreV1.DeleteNamespacedServiceAccountAsync("robot", "default");
        var deleted = await TokenClient.ReviewAsync(client, token, "vault");
        var second = await TokenClient.CreateServiceAccountAsync(client, "default", "robot");
        var recreated = await TokenClient.ReviewAsync(client, token, "vault");

        Assert.NotEqual(true, deleted.Status.Authenticated);
        Assert.Equal("[invalid bearer token, serviceaccounts \"robot\" not found]", deleted.Status.Error);
        Assert.NotEqual(true, recreated.Status.Authenticated);
        Assert.Equal($"[invalid bearer token, service account UID ({second.Metadata.Uid}) does not match claim ({first.Metadata.Uid})]", recreated.Status.Error);
    }

    [Fact]
    public async Task TokenReview_TamperedSignatureOrPayload_Rejected()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);
        await TokenClient.CreateServiceAccountAsync(client, "default", "robot");
        var token = (await TokenClient.RequestAsync(client, "default", "robot", 600, "vault")).Status.Token;

        var signature = await TokenClient.ReviewAsync(client, TokenClient.TamperSignature(token), "vault");
        var payload = await TokenClient.ReviewAsync(client, TokenClient.TamperPayload(token, p => p["aud"] = new JsonArray("sts.amazonaws.com")), "sts.amazonaws.com");
        var garbage = await TokenClient.ReviewAsync(client, "not-a-jwt", "vault");

        Assert.NotEqual(true, signature.Status.Authenticated);
        Assert.Equal("[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]", signature.Status.Error);
        Assert.NotEqual(true, payload.Status.Authenticated);
        Assert.Equal("[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]", payload.Status.Error);
        Assert.NotEqual(true, garbage.Status.Authenticated);
        Assert.Equal("invalid bearer token", garbage.Status.Error);
    }

    [Fact]
    public async Task TokenReview_BoundSecretDeleted_TokenInvalidated()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);
        await TokenClient.CreateServiceAccountAsync(client, "default", "robot");
        var secret = await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "binding" } }, "default");
        var response = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest
            {
                Spec = new V1TokenRequestSpec
                {
                    Audiences = ["vault"],
                    BoundObjectRef = new V1BoundObjectReference { ApiVersion = "v1", Kind = "Secret", Name = "binding", Uid = secret.Metadata.Uid },
                },
            },
            "robot",
            "default");

        var before = await TokenClient.ReviewAsync(client, response.Status.Token, "vault");
        await client.CoreV1.DeleteNamespacedSecretAsync("binding", "default");
        var after = await TokenClient.ReviewAsync(client, response.Status.Token, "vault");

        var claim = TokenClient.Payload(response.Status.Token)["kubernetes.io"]!["secret"]!;
        Assert.Equal("binding", claim["name"]!.GetValue<string>());
        Assert.Equal(secret.Metadata.Uid, claim["uid"]!.GetValue<string>());
        Assert.Equal("Secret", response.Spec.BoundObjectRef.Kind);
        Assert.True(before.Status.Authenticated);
        Assert.Equal("[invalid bearer token, service account token has been invalidated]", after.Status.Error);
    }

    [Fact]
    public async Task CreateToken_BoundObjectOfUnsupportedKind_BadRequest()
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync("/api/v1/namespaces/default/serviceaccounts", """{"metadata":{"name":"robot"}}""");

        var response = await plane.PostAsync(
            "/api/v1/namespaces/default/serviceaccounts/robot/token",
            """{"spec":{"audiences":["vault"],"boundObjectRef":{"apiVersion":"v1","kind":"ConfigMap","name":"c"}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("cannot bind token for serviceaccount \"robot\" to object of type /v1, Kind=ConfigMap", response.Message);
    }

    [Fact]
    public async Task TokenReview_EmptyToken_BadRequest()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync("/apis/authentication.k8s.io/v1/tokenreviews", """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("token is required for TokenReview in authentication", response.Message);
    }

    [Fact]
    public async Task TokenReview_RawResponse_OmitsFalseAuthenticatedAndIsNotStored()
    {
        await using var plane = await TestPlane.StartAsync();

        var response = await plane.PostAsync(
            "/apis/authentication.k8s.io/v1/tokenreviews",
            """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenReview","spec":{"token":"abc","audiences":["vault"]}}""");

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("TokenReview", response.Json!["kind"]!.GetValue<string>());
        Assert.Equal("""{"user":{},"error":"invalid bearer token"}""", response.Json["status"]!.ToJsonString());
        Assert.Equal("""["vault"]""", response.Json["spec"]!["audiences"]!.ToJsonString());
    }

    [Fact]
    public async Task OpenIdDiscovery_WithoutCredentials_ServedAsKubeApiserverServesIt()
    {
        await using var plane = await TestPlane.StartAsync();
        using var anonymous = TokenClient.Anonymous(plane.Plane);

        using var configuration = await anonymous.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));
        using var jwks = await anonymous.GetAsync(new Uri("/openid/v1/jwks", UriKind.Relative));
        using var api = await anonymous.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative));
        var document = JsonNode.Parse(await configuration.Content.ReadAsStringAsync())!;
        var keys = JsonNode.Parse(await jwks.Content.ReadAsStringAsync())!["keys"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, configuration.StatusCode);
        Assert.Equal("application/json", configuration.Content.Headers.ContentType!.MediaType);
        Assert.Equal(plane.Plane.ServiceAccountIssuer, document["issuer"]!.GetValue<string>());
        Assert.Equal(plane.Plane.ServiceAccountIssuer + "/openid/v1/jwks", document["jwks_uri"]!.GetValue<string>());
        Assert.Equal("""["id_token"]""", document["response_types_supported"]!.ToJsonString());
        Assert.Equal("""["public"]""", document["subject_types_supported"]!.ToJsonString());
        Assert.Equal("""["RS256"]""", document["id_token_signing_alg_values_supported"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.Equal("application/jwk-set+json", jwks.Content.Headers.ContentType!.MediaType);
        var key = Assert.Single(keys)!;
        Assert.Equal("RSA", key["kty"]!.GetValue<string>());
        Assert.Equal("RS256", key["alg"]!.GetValue<string>());
        Assert.Equal("sig", key["use"]!.GetValue<string>());
        Assert.Equal("AQAB", key["e"]!.GetValue<string>());
        Assert.Equal(plane.Plane.ServiceAccountKeyId, key["kid"]!.GetValue<string>());
        Assert.Null(key["d"]);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task ServiceAccountIssuer_Configured_UsedForIssAudienceAndDiscovery()
    {
        await using var plane = await TestPlane.StartAsync(new LocalControlPlaneOptions { ServiceAccountIssuer = new Uri("https://oidc.example.com/cluster-1") });
        using var client = TokenClient.Connect(plane.Plane);
        await TokenClient.CreateServiceAccountAsync(client, "default", "robot");

        var claims = TokenClient.Payload((await TokenClient.RequestAsync(client, "default", "robot", null)).Status.Token);
        var document = await plane.GetAsync("/.well-known/openid-configuration");

        Assert.Equal("https://oidc.example.com/cluster-1", plane.Plane.ServiceAccountIssuer);
        Assert.Equal("https://oidc.example.com/cluster-1", claims["iss"]!.GetValue<string>());
        Assert.Equal("""["https://oidc.example.com/cluster-1"]""", claims["aud"]!.ToJsonString());
        Assert.Equal("https://oidc.example.com/cluster-1/openid/v1/jwks", document.Json!["jwks_uri"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("http://oidc.example.com")]
    [InlineData("https://oidc.example.com/?x=1")]
    [InlineData("https://oidc.example.com/#f")]
    public async Task ServiceAccountIssuer_NotAPlainHttpsUrl_RejectedAtStart(string issuer)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => LocalControlPlane.StartAsync(new LocalControlPlaneOptions { ServiceAccountIssuer = new Uri(issuer) }));
    }

    [Fact]
    public async Task ServiceAccountMaxTokenExpiration_UnderTenMinutes_RejectedAtStart()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalControlPlane.StartAsync(new LocalControlPlaneOptions { ServiceAccountMaxTokenExpiration = TimeSpan.FromMinutes(5) }));
    }

    [Fact]
    public async Task BearerAuthentication_ServiceAccountTokenForApiAudience_AcceptedOtherAudiencesNot()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);
        await TokenClient.CreateServiceAccountAsync(client, "default", "robot");
        var apiToken = (await TokenClient.RequestAsync(client, "default", "robot", null)).Status.Token;
        var vaultToken = (await TokenClient.RequestAsync(client, "default", "robot", null, "vault")).Status.Token;
        using var http = TokenClient.Anonymous(plane.Plane);

        using var withApiToken = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/serviceaccounts/robot");
        withApiToken.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiToken);
        using var withVaultToken = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/serviceaccounts/robot");
        withVaultToken.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", vaultToken);
        using var accepted = await http.SendAsync(withApiToken);
        using var refused = await http.SendAsync(withVaultToken);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ReviewServiceAccountToken_PublicSeam_AgreesWithTokenReview()
    {
        await using var plane = await TestPlane.StartAsync();
        using var client = TokenClient.Connect(plane.Plane);
        var account = await TokenClient.CreateServiceAccountAsync(client, "default", "robot");
        var token = (await TokenClient.RequestAsync(client, "default", "robot", 600, "vault")).Status.Token;

        var accepted = plane.Plane.ReviewServiceAccountToken(token, ["vault"]);
        var refused = plane.Plane.ReviewServiceAccountToken(token);

        Assert.True(accepted.Authenticated);
        Assert.Equal("system:serviceaccount:default:robot", accepted.Username);
        Assert.Equal(account.Metadata.Uid, accepted.Uid);
        Assert.Equal(["vault"], accepted.Audiences);
        Assert.False(refused.Authenticated);
        Assert.StartsWith("[invalid bearer token, token audiences", refused.Error, StringComparison.Ordinal);
    }
}
