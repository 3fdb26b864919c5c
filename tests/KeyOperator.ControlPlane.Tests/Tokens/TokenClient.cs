// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace KeyOperator.ControlPlane.Tests.Tokens;

/// <summary>The official client connected through the plane's kubeconfig, and JWT helpers that use only
/// System.Security.Cryptography and the published JWKS (never the server's own code).</summary>
internal static class TokenClient
{
    public static Kubernetes Connect(LocalControlPlane plane)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(plane.KubeconfigYaml));
        return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(stream));
    }

    public static async Task<V1ServiceAccount> CreateServiceAccountAsync(Kubernetes client, string ns, string name)
    {
        try
        {
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Already there (default, or a second account in the same namespace).
        }

        return await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name } }, ns);
    }

    public static Task<Authenticationv1TokenRequest> RequestAsync(Kubernetes client, string ns, string name, long? expirationSeconds, params string[] audiences) =>
        client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { Audiences = audiences, ExpirationSeconds = expirationSeconds } }, name, ns);

    public static Task<V1TokenReview> ReviewAsync(Kubernetes client, string token, params string[] audiences) =>
        client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token, Audiences = audiences.Length == 0 ? null : audiences } });

    public static JsonObject Header(string jwt) => Part(jwt, 0);

    public static JsonObject Payload(string jwt) => Part(jwt, 1);

    /// <summary>An RSA public key from a JWK's n and e.</summary>
    public static RSA KeyFrom(JsonNode jwk)
    {
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(jwk["n"]!.GetValue<string>()),
            Exponent = Base64Url.DecodeFromChars(jwk["e"]!.GetValue<string>()),
        });
        return rsa;
    }

    public static bool SignatureValid(RSA key, string jwt)
    {
        var parts = jwt.Split('.');
        return key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>The same header and payload with the signature's last characters changed.</summary>
    public static string TamperSignature(string jwt)
    {
        var parts = jwt.Split('.');
        var signature = Base64Url.DecodeFromChars(parts[2]);
        signature[^1] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>A payload rewritten (here: another audience) while keeping the original signature.</summary>
    public static string TamperPayload(string jwt, Action<JsonObject> change)
    {
        var parts = jwt.Split('.');
        var payload = Payload(jwt);
        change(payload);
        return parts[0] + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
    }

    /// <summary>An HttpClient that trusts the plane's CA but sends no credentials, like an external verifier.</summary>
    public static HttpClient Anonymous(LocalControlPlane plane)
    {
        var client = plane.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    private static JsonObject Part(string jwt, int index) => JsonNode.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[index]))!.AsObject();
}
