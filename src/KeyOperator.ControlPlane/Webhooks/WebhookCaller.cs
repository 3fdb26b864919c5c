// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Webhooks;

/// <summary>POSTs an AdmissionReview to a webhook over HTTPS, trusting only the webhook's caBundle, and turns transport
/// failures into the reasons the apiserver's REST client reports (Go wording, so messages match a real cluster).</summary>
internal static class WebhookCaller
{
    private const int MaxErrorBodyChars = 256;

    /// <param name="url">Where to connect, including the <c>?timeout=</c> query the apiserver adds.</param>
    /// <param name="displayUrl">The URL as the apiserver names it in errors (the service DNS name for service references).</param>
    /// <param name="serverName">The name the serving certificate must carry.</param>
    /// <param name="caBundlePem">Trusted roots; null uses the system roots.</param>
    /// <param name="review">The AdmissionReview request.</param>
    /// <param name="timeout">timeoutSeconds of the webhook.</param>
    /// <param name="cancellationToken">The client's request.</param>
    public static async Task<JsonObject> PostAsync(
        Uri url, string displayUrl, string serverName, string? caBundlePem, JsonObject review, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string? tlsFailure = null;
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            SslOptions =
            {
                TargetHost = serverName,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    tlsFailure = Verify(certificate, errors, caBundlePem, serverName);
                    return tlsFailure is null;
                },
            },
        };

        // Network timeouts run on the wall clock: a fake clock that tests never advance would hang the write.
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));

        try
        {
            using var response = await client.SendAsync(request, deadline.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new WebhookCallException(Failed(displayUrl, ErrorBody((int)response.StatusCode, text)));
            }

            try
            {
                return JsonNode.Parse(text) as JsonObject
                    ?? throw new WebhookCallException("failed to call webhook: couldn't get version/kind; json parse error: not an object");
            }
            catch (JsonException ex)
            {
                throw new WebhookCallException("failed to call webhook: couldn't get version/kind; json parse error: " + ex.Message);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new WebhookCallException(Failed(displayUrl, "context deadline exceeded"));
        }
        catch (HttpRequestException ex)
        {
            throw new WebhookCallException(Failed(displayUrl, Describe(ex, url, tlsFailure)));
        }
    }

    private static string Failed(string displayUrl, string why) => $"failed to call webhook: Post \"{displayUrl}\": {why}";

    private static string? Verify(X509Certificate? certificate, SslPolicyErrors errors, string? caBundlePem, string serverName)
    {
        if (certificate is null)
        {
            return "tls: server did not present a certificate";
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (caBundlePem is null)
        {
            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
            }
        }
        else
        {
            var roots = new X509Certificate2Collection();
            try
            {
                roots.ImportFromPem(caBundlePem);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // Unparseable PEM trusts nothing.
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            var trusted = roots.Count > 0 && chain.Build(leaf);
            foreach (var root in roots)
            {
                root.Dispose();
            }

            if (!trusted)
            {
                return "tls: failed to verify certificate: x509: certificate signed by unknown authority";
            }
        }

        return leaf.MatchesHostname(serverName)
            ? null
            : $"tls: failed to verify certificate: x509: certificate is not valid for {serverName}";
    }

    private static string Describe(HttpRequestException ex, Uri url, string? tlsFailure)
    {
        if (tlsFailure is not null)
        {
            return tlsFailure;
        }

        if (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return $"dial tcp {url.Host}:{url.Port}: connect: connection refused";
        }

        if (ex.InnerException is AuthenticationException or IOException && ex.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return "tls: handshake failure";
        }

        return ex.HttpRequestError switch
        {
            HttpRequestError.ResponseEnded => "EOF",
            HttpRequestError.ConnectionError => $"dial tcp {url.Host}:{url.Port}: connect: {ex.InnerException?.Message ?? ex.Message}",
            _ => ex.Message,
        };
    }

    private static string ErrorBody(int code, string body)
    {
        // client-go's rest client: a Status body speaks for itself, anything else is quoted.
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } status && status["kind"]?.ToString() == "Status" && status["message"]?.ToString() is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not JSON: quoted below.
        }

        if (body.Length == 0)
        {
            return $"the server responded with the status code {code} but did not return more information";
        }

        var trimmed = body.Length > MaxErrorBodyChars ? body[..MaxErrorBodyChars] : body;
        return $"an error on the server ({JsonValue.Create(trimmed).ToJsonString()}) has prevented the request from succeeding";
    }
}
