// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Reflection;

namespace KeyOperator.ControlPlane.Tests.Crds;

/// <summary>allOf/anyOf/oneOf/not in CRD schemas, including our own ApiKey CRD's "at most one key type" rule.</summary>
public sealed class SchemaCompositionTests
{
    private const string Crd = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gadgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"gadgets","singular":"gadget","kind":"Gadget"},
          "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object",
            "properties":{"a":{"type":"string"},"b":{"type":"string"},"n":{"type":"integer","allOf":[{"minimum":1},{"maximum":5}]},
              "s":{"type":"string","anyOf":[{"pattern":"^x"},{"pattern":"^y"}]}},
            "not":{"required":["b"],"properties":{"b":{"enum":["forbidden"]}}},
            "oneOf":[{"required":["a"]},{"required":["b"]}]}}}}}]}}
        """;

    private static string RepositoryRoot => typeof(SchemaCompositionTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    [Theory]
    [InlineData("""{"a":"1"}""", null)]
    [InlineData("""{"a":"1","b":"2"}""", "<nil>: Invalid value: \"\": \"spec\" must validate one and only one schema (oneOf). Found 2 valid alternatives")]
    [InlineData("""{}""", "[<nil>: Invalid value: \"\": \"spec\" must validate one and only one schema (oneOf). Found none valid, spec.a: Required value]")]
    [InlineData("""{"b":"forbidden"}""", "<nil>: Invalid value: \"\": \"spec\" must not validate the schema (not)")]
    [InlineData("""{"a":"1","s":"zed"}""", "\"spec.s\" must validate at least one schema (anyOf)")]
    [InlineData("""{"a":"1","n":9}""", "\"spec.n\" must validate all the schemas (allOf). Failing: 1 valid out of 2")]
    public async Task Create_CompositionKeywords_ValidateWithUpstreamMessages(string spec, string? expected)
    {
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(WidgetCrd.Path, Crd);

        var response = await plane.PostAsync("/apis/example.com/v1/namespaces/default/gadgets", $$"""{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g"},"spec":{{spec}}}""");

        if (expected is null)
        {
            Assert.True(response.Status == HttpStatusCode.Created, response.Text);
            return;
        }

        Assert.Equal((HttpStatusCode)422, response.Status);
        Assert.Contains(expected, response.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""", true)]
    [InlineData("""{"token":{}}""", true)]
    [InlineData("""{"hmac":{}}""", true)]
    [InlineData("""{"token":{},"hmac":{}}""", false)]
    public async Task CreateApiKey_KeyTypes_AtMostOneAllowed(string spec, bool allowed)
    {
        await using var plane = await TestPlane.StartAsync();
        var install = await plane.PostAsync(WidgetCrd.Path, await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "config/crd/keyoperator.io_apikeys.yaml")), "application/yaml");
        Assert.True(install.Status == HttpStatusCode.Created, install.Text);

        var response = await plane.PostAsync("/apis/keyoperator.io/v1alpha1/namespaces/default/apikeys", $$"""{"apiVersion":"keyoperator.io/v1alpha1","kind":"ApiKey","metadata":{"name":"k"},"spec":{{spec}}}""");

        if (allowed)
        {
            Assert.True(response.Status == HttpStatusCode.Created, response.Text);
        }
        else
        {
            Assert.Equal(
                "ApiKey.keyoperator.io \"k\" is invalid: <nil>: Invalid value: \"\": \"spec\" must validate one and only one schema (oneOf). Found 2 valid alternatives",
                response.Message);
        }
    }
}
