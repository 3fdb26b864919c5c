// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using k8s.Autorest;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>The library's exceptions for API answers, as the in-memory ports throw them, so the product's error checks see what a real server causes.</summary>
internal static class ApiErrors
{
    public static HttpOperationException Status(HttpStatusCode code, string reason, string message)
    {
        string body = $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{message}}","reason":"{{reason}}","code":{{(int)code}}}""";
        return new HttpOperationException($"Operation returned an invalid status code '{code}'")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(code), body),
        };
    }

    public static HttpOperationException Conflict(string what) =>
        Status(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on {what}: the object has been modified; please apply your changes to the latest version and try again");

    public static HttpOperationException AlreadyExists(string what) => Status(HttpStatusCode.Conflict, "AlreadyExists", $"{what} already exists");

    public static HttpOperationException NotFound(string what) => Status(HttpStatusCode.NotFound, "NotFound", $"{what} not found");
}
