// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.Admission.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyOperator.Operator.Admission;

/// <summary>Maps the webhook's routes into the operator's ASP.NET Core app.</summary>
public static class AdmissionEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /validate/{group}/{version}/{kind}</c> (e.g. /validate/keyoperator.io/v1alpha1/apikey).
    /// Requests not over HTTPS are refused, so the route is harmless on a plain-HTTP metrics or health listener.
    /// </summary>
    public static IEndpointConventionBuilder MapKeyOperatorAdmission(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // A RequestDelegate rather than a lambda with parameters: no request-delegate generation, trim- and AOT-safe.
        return endpoints.MapPost("/validate/{group}/{version}/{kind}", static context =>
        {
            RouteValueDictionary route = context.Request.RouteValues;
            return context.RequestServices.GetRequiredService<AdmissionHttpHandler>().HandleAsync(
                context,
                route["group"] as string ?? string.Empty,
                route["version"] as string ?? string.Empty,
                route["kind"] as string ?? string.Empty);
        });
    }
}
