// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Hooks;

namespace KeyOperator.ControlPlane.Tests.Hooks;

public sealed class AdmissionTests
{
    private sealed class DenySizeS : IAdmissionValidator
    {
        public List<string> Seen { get; } = [];

        public ValueTask ValidateAsync(AdmissionAttributes request, CancellationToken cancellationToken)
        {
            Seen.Add(request.Operation + " " + request.Descriptor.Plural);
            if (request.Object?["data"]?["size"]?.GetValue<string>() == "S")
            {
                throw new ApiException(400, string.Empty, "admission webhook \"validate.example.com\" denied the request: size S is not allowed");
            }

            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Create_DeniedByAdmission_ReturnsItsStatusAndPersistsNothing()
    {
        var validator = new DenySizeS();
        await using var plane = await TestPlane.StartAsync(new LocalControlPlaneOptions { AdmissionValidators = [validator] });

        var denied = await plane.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c"},"data":{"size":"S"}}""");
        var allowed = await plane.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c"},"data":{"size":"M"}}""");
        var update = await plane.PatchAsync("/api/v1/namespaces/default/configmaps/c", """{"data":{"size":"S"}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.BadRequest, denied.Status);
        Assert.Equal("admission webhook \"validate.example.com\" denied the request: size S is not allowed", denied.Message);
        Assert.Equal(HttpStatusCode.Created, allowed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, update.Status);
        Assert.Equal("M", (await plane.GetAsync("/api/v1/namespaces/default/configmaps/c")).Json!["data"]!["size"]!.GetValue<string>());
        Assert.Contains("UPDATE configmaps", validator.Seen);
    }
}
