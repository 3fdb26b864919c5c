// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;

namespace KeyOperator.ControlPlane.Tokens;

/// <summary>
/// The service-account issuer discovery documents kube-apiserver serves (<c>pkg/serviceaccount/openidmetadata.go</c>):
/// <c>/.well-known/openid-configuration</c> and the JWKS at <c>/openid/v1/jwks</c>.
/// </summary>
internal static class OidcDiscovery
{
    public const string ConfigurationPath = "/.well-known/openid-configuration";
    public const string JwksPath = "/openid/v1/jwks";

    /// <summary>The apiserver lets clients cache both documents for an hour.</summary>
    public const string CacheControl = "public, max-age=3600";

    public const string JwksContentType = "application/jwk-set+json";

    public static JsonObject Configuration(string issuer) => new()
    {
        ["issuer"] = issuer,
        ["jwks_uri"] = JwksUri(issuer),
        ["response_types_supported"] = new JsonArray("id_token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    };

    public static JsonObject Jwks(ServiceAccountKey key) => new() { ["keys"] = new JsonArray(key.PublicJwk()) };

    /// <summary>Without <c>--service-account-jwks-uri</c> the apiserver joins the issuer's path with
    /// <c>/openid/v1/jwks</c> (Go's <c>path.Join</c>, so no doubled slash).</summary>
    public static string JwksUri(string issuer)
    {
        var uri = new Uri(issuer);
        var path = uri.AbsolutePath.TrimEnd('/') + JwksPath;
        return new UriBuilder(uri) { Path = path }.Uri.GetLeftPart(UriPartial.Path);
    }
}
