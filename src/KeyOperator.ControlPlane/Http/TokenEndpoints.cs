// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Tokens;
using Microsoft.AspNetCore.Http;

namespace KeyOperator.ControlPlane.Http;

/// <summary>The HTTP side of service-account tokens: the <c>serviceaccounts/token</c> subresource, <c>tokenreviews</c>
/// and the issuer discovery documents. Request and response bodies carry tokens, so nothing here is logged.</summary>
internal sealed class TokenEndpoints(ServiceAccountTokens tokens, BodyReader bodies)
{
    private const string NotAllowed = "the server does not allow this method on the requested resource";

    public async Task TokenRequestAsync(HttpContext context, string ns, string name)
    {
        RequirePost(context);
        var body = await bodies.ReadObjectAsync(context).ConfigureAwait(false);
        await ResponseWriter.WriteJsonAsync(context, 201, tokens.Issue(ns, name, body)).ConfigureAwait(false);
    }

    public async Task TokenReviewAsync(HttpContext context)
    {
        RequirePost(context);
        var body = await bodies.ReadObjectAsync(context).ConfigureAwait(false);
        await ResponseWriter.WriteJsonAsync(context, 201, tokens.ReviewRequest(body)).ConfigureAwait(false);
    }

    /// <summary>Answers the discovery paths; false for any other path.</summary>
    public async Task<bool> TryDiscoveryAsync(HttpContext context, string path)
    {
        if (path is not (OidcDiscovery.ConfigurationPath or OidcDiscovery.JwksPath))
        {
            return false;
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            throw ApiErrors.MethodNotAllowed(NotAllowed);
        }

        context.Response.Headers.CacheControl = OidcDiscovery.CacheControl;
        if (path == OidcDiscovery.ConfigurationPath)
        {
            await ResponseWriter.WriteJsonAsync(context, 200, OidcDiscovery.Configuration(tokens.Issuer)).ConfigureAwait(false);
        }
        else
        {
            await ResponseWriter.WriteJsonAsync(context, 200, OidcDiscovery.Jwks(tokens.Key), OidcDiscovery.JwksContentType).ConfigureAwait(false);
        }

        return true;
    }

    private static void RequirePost(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            throw ApiErrors.MethodNotAllowed(NotAllowed);
        }
    }
}
