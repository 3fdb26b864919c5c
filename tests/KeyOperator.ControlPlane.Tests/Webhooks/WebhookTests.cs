// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Webhooks;

namespace KeyOperator.ControlPlane.Tests.Webhooks;

/// <summary>Validating webhooks called over real HTTPS by the control plane.</summary>
public sealed class WebhookTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private static string Configuration(string name, string webhooks) =>
        $$"""{"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration","metadata":{"name":"{{name}}"},"webhooks":[{{webhooks}}]}""";

    private static string Hook(TestWebhookServer server, string name, string path, string extra = "", string operations = "\"CREATE\",\"UPDATE\"", string resources = "\"configmaps\"") =>
        $$"""{"name":"{{name}}","clientConfig":{"url":"{{server.Url(path)}}","caBundle":"{{server.CaBundle}}"},"rules":[{"operations":[{{operations}}],"apiGroups":[""],"apiVersions":["v1"],"resources":[{{resources}}]}],"sideEffects":"None","admissionReviewVersions":["v1"]{{extra}}}""";

    private static async Task RegisterAsync(TestPlane plane, string name, string webhooks) =>
        await plane.CreateAsync("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations", Configuration(name, webhooks));

    private static string ConfigMap(string name, string labels = "{}") => $$$"""{"metadata":{"name":"{{{name}}}","labels":{{{labels}}}},"data":{"a":"b"}}""";

    private static JsonObject Deny(int code, string reason, string message) => new() { ["code"] = code, ["reason"] = reason, ["message"] = message };

    [Fact]
    public async Task Create_WebhookAllows_PersistsAndSendsAdmissionReviewV1()
    {
        await using var server = await TestWebhookServer.StartAsync();
        await using var plane = await TestPlane.StartAsync();
        await RegisterAsync(plane, "allow", Hook(server, "allow.example.com", "/allow"));

        var created = await plane.PostAsync(ConfigMaps + "?fieldManager=tester", ConfigMap("c1"));

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var (path, review) = Assert.Single(server.Received);
        Assert.Equal("/allow", path);
        Assert.Equal("admission.k8s.io/v1", review["apiVersion"]!.GetValue<string>());
        var request = review["request"]!;
        Assert.Equal("CREATE", request["operation"]!.GetValue<string>());
        Assert.Equal("""{"group":"","version":"v1","kind":"ConfigMap"}""", request["kind"]!.ToJsonString());
        Assert.Equal("""{"group":"","version":"v1","resource":"configmaps"}""", request["resource"]!.ToJsonString());
        Assert.Equal(request["kind"]!.ToJsonString(), request["requestKind"]!.ToJsonString());
        Assert.Equal("c1", request["name"]!.GetValue<string>());
        Assert.Equal("default", request["namespace"]!.GetValue<string>());
        Assert.Equal("keyop-local-admin", request["userInfo"]!["username"]!.GetValue<string>());
        Assert.Equal("b", request["object"]!["data"]!["a"]!.GetValue<string>());
        Assert.Null(request["oldObject"]);
        Assert.False(request["dryRun"]!.GetValue<bool>());
        Assert.Equal("CreateOptions", request["options"]!["kind"]!.GetValue<string>());
        Assert.Equal("tester", request["options"]!["fieldManager"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(403, "Forbidden", HttpStatusCode.Forbidden)]
    [InlineData(0, "", HttpStatusCode.BadRequest)]
    [InlineData(200, "", HttpStatusCode.BadRequest)]
    public async Task Create_WebhookDenies_ReturnsStatusAsApiserverAndPersistsNothing(int code, string reason, HttpStatusCode expected)
    {
        await using var server = await TestWebhookServer.StartAsync();
        server.Handlers["/deny"] = r => Task.FromResult(TestWebhookServer.Review(r, false, Deny(code, reason, "size S is not allowed")));
        await using var plane = await TestPlane.StartAsync();
        await RegisterAsync(plane, "deny", Hook(server, "deny.example.com", "/deny"));

        var denied = await plane.PostAsync(ConfigMaps, ConfigMap("c1"));

        Assert.Equal(expected, denied.Status);
        Assert.Equal(reason, denied.Reason);
        Assert.Equal("admission webhook \"deny.example.com\" denied the request: size S is not allowed", denied.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(ConfigMaps + "/c1")).Status);
    }

    [Fact]
    public async Task Create_WebhookDeniesWithoutMessage_SaysWithoutExplanation()
    {
        await using var server = await TestWebhookServer.StartAsync();
        server.Handlers["/deny"] = r => Task.FromResult(TestWebhookServer.Review(r, false));
        await using var plane = await TestPlane.StartAsync();
        await RegisterAsync(plane, "deny", Hook(server, "deny.example.com", "/deny"));

        var denied = await plane.PostAsync(ConfigMaps, ConfigMap("c1"));

        Assert.Equal("admission webhook \"deny.example.com\" denied the request without explanation", denied.Message);
    }

    [Fact]
    public async Task Write_WebhookWarns_WarningHeadersEscapedOnSuccessAndDenial()
    {
        await using var server = await TestWebhookServer.StartAsync();
        server.Handlers["/warn"] = r => Task.FromResult(TestWebhookServer.Review(r, true, null, "size \"S\" is deprecated", "path C:\\x"));
        server.Handlers["/deny"] = r => Task.FromResult(
            r["request"]!["operation"]!.GetValue<string>() == "UPDATE" ? TestWebhookServer.Review(r, false, Deny(400, "", "no updates"), "denied warning") : TestWebhookServer.Review(r, true));
        await using var plane = await TestPlane.StartAsync();
        await RegisterAsync(plane, "a", Hook(server, "warn.example.com", "/warn") + "," + Hook(server, "deny.example.com", "/deny"));

        var created = await plane.PostAsync(ConfigMaps, ConfigMap("c1"));
        var updated = await plane.PatchAsync(ConfigMaps + "/c1", """{"data":{"a":"c"}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Contains("299 - \"size \\\"S\\\" is deprecated\"", created.Warnings);
        Assert.Contains("299 - \"path C:\\\\x\"", created.Warnings);
        Assert.Equal(HttpStatusCode.BadRequest, updated.Status);
        Assert.Contains("299 - \"denied warning\"", updated.Warnings);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("garbage")]
    [InlineData("wrong-uid")]
    [InlineData("http-500")]
    public async Task Create_WebhookCallFailsWithFailurePolicyFail_Returns500InternalError(string failure)
    {
        await using var server = await TestWebhookServer.StartAsync();
        server.Handlers["/bad"] = failure switch
        {
            "timeout" => async r => { await Task.Delay(TimeSpan.FromSeconds(3)); return TestWebhookServer.Review(r, true); },
            "garbage" => _ => Task.FromResult("not json"),
            "wrong-uid" => _ => Task.FromResult("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","response":{"uid":"x","allowed":true}}"""),
            _ => _ => throw new InvalidOperationException("boom"),
        };
        await using var plane = await TestPlane.StartAsync();
        await RegisterAsync(plane, "bad", Hook(server, "bad.example.com", "/bad", ",\"timeoutSeconds\":1,\"failurePolicy\":\"Fail\""));

        var response = await plane.PostAsync(ConfigMaps, ConfigMap("c1"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal("InternalError", response.Reason);
        Assert.StartsWith("Internal error occurred: failed calling webhook \"bad.example.com\": ", response.Message);
        var expected = failure switch
        {
            "timeout" => $"failed to call webhook: Post \"{server.Url("/bad")}?timeout=1s\": context deadline exceeded",
            "garbage" => "failed to call webhook: couldn't get version/kind; json parse error: ",
            "wrong-uid" => "received invalid webhook response: expected response.uid=",
            _ => $"failed to call webhook: Post \"{server.Url("/bad")}?timeout=1s\": ",
        };
        Assert.Contains(expected, response.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(ConfigMaps + "/c1")).Status);
    }

    [Theory]
    [InlineData("timeout")]
    [InlineData("garbage")]
    [InlineData("refused")]
    public async Task Create_WebhookCallFailsWithFailurePolicyIgnore_Proceeds(string failure)
    {
        await using var server = await TestWebhookServer.StartAsync();
        server.Handlers["/bad"] = failure == "timeout"
            ? async r => { await Task.Delay(TimeSpan.FromSeconds(3)); return TestWebhookServer.Review(r, false); }
            : _ => Task.FromResult("garbage");
        await using var plane = await TestPlane.StartAsync();
        var hook = Hook(server, "bad.example.com", "/bad", ",\"timeoutSeconds\":1,\"failurePolicy\":\"Ignore\"");
        if (failure == "refused")
        {
            hook = hook.Replace(server.Url("/bad"), "https://127.0.0.1:1/bad", StringComparison.Ordinal);
        }

        await RegisterAsync(plane, "bad", hook);

        Assert.Equal(HttpStatusCode.Created, (await plane.PostAsync(ConfigMaps, ConfigMap("c1"))).Status);
    }

    [Fact]
    public async Task Create_WebhookUnreachable_ReportsConnectionRefused()
    {
        await using var plane = await TestPlane.StartAsync();
        await RegisterAsync(plane, "gone", """{"name":"gone.example.com","clientConfig":{"url":"https://127.0.0.1:1/v"},"rules":[{"operations":["*"],"apiGroups":["*"],"apiVersions":["*"],"resources":["*"]}],"sideEffects":"None","admissionReviewVersions":["v1"]}""");

        var response = await plane.PostAsync(ConfigMaps, ConfigMap("c1"));

        Assert.Equal(
            "Internal error occurred: failed calling webhook \"gone.example.com\": failed to call webhook: Post \"https://127.0.0.1:1/v?timeout=10s\": dial tcp 127.0.0.1:1: connect: connection refused",
            response.Message);
    }

    [Fact]
    public async Task Create_CertificateNotSignedByCaBundle_FailsTlsVerification()
    {
        await using var server = await TestWebhookServer.StartAsync();
        await using var other = await TestWebhookServer.StartAsync();
        await using var plane = await TestPlane.StartAsync();
        await RegisterAsync(plane, "a", Hook(server, "a.example.com", "/a").Replace(server.CaBundle, other.CaBundle, StringComparison.Ordinal));

        var response = await plane.PostAsync(ConfigMaps, ConfigMap("c1"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.EndsWith("x509: certificate signed by unknown authority", response.Message);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Create_NamespaceSelector_CallsOnlyForMatchingNamespaces()
    {
        await using var server = await TestWebhookServer.StartAsync();
        server.Handlers["/deny"] = r => Task.FromResult(TestWebhookServer.Review(r, false, Deny(400, "", "prod is frozen")));
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync("/api/v1/namespaces", """{"metadata":{"name":"prod","labels":{"env":"prod"}}}""");
        await RegisterAsync(plane, "ns", Hook(server, "ns.example.com", "/deny", ",\"namespaceSelector\":{\"matchLabels\":{\"env\":\"prod\"}}"));

        var inProd = await plane.PostAsync("/api/v1/namespaces/prod/configmaps", ConfigMap("c1"));
        var inDefault = await plane.PostAsync(ConfigMaps, ConfigMap("c1"));

        Assert.Equal(HttpStatusCode.BadRequest, inProd.Status);
        Assert.Equal(HttpStatusCode.Created, inDefault.Status);
    }

    [Fact]
    public async Task Write_ObjectSelector_MatchesNewOrOldLabels()
    {
        await using var server = await TestWebhookServer.StartAsync();
        server.Handlers["/deny"] = r => Task.FromResult(TestWebhookServer.Review(r, false, Deny(400, "", "guarded")));
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, ConfigMap("guarded", """{"guard":"yes"}"""));
        await RegisterAsync(plane, "obj", Hook(server, "obj.example.com", "/deny", ",\"objectSelector\":{\"matchExpressions\":[{\"key\":\"guard\",\"operator\":\"In\",\"values\":[\"yes\"]}]}"));

        var unlabelled = await plane.PostAsync(ConfigMaps, ConfigMap("free"));
        var labelled = await plane.PostAsync(ConfigMaps, ConfigMap("new", """{"guard":"yes"}"""));
        var removeLabel = await plane.PatchAsync(ConfigMaps + "/guarded", """{"metadata":{"labels":{"guard":null}}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.Created, unlabelled.Status);
        Assert.Equal(HttpStatusCode.BadRequest, labelled.Status);
        Assert.Equal(HttpStatusCode.BadRequest, removeLabel.Status);
    }

    [Fact]
    public async Task DryRun_SideEffectsNone_CalledWithDryRunAndNothingStored()
    {
        await using var server = await TestWebhookServer.StartAsync();
        await using var plane = await TestPlane.StartAsync();
        await RegisterAsync(plane, "dry", Hook(server, "dry.example.com", "/dry"));

        var response = await plane.PostAsync(ConfigMaps + "?dryRun=All", ConfigMap("c1"));

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var request = Assert.Single(server.Received).Review["request"]!;
        Assert.True(request["dryRun"]!.GetValue<bool>());
        Assert.Equal("""["All"]""", request["options"]!["dryRun"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await plane.GetAsync(ConfigMaps + "/c1")).Status);
    }

    [Theory]
    [InlineData("Some", "Ignore")]
    [InlineData("Unknown", "Fail")]
    public async Task DryRun_WebhookWithSideEffects_RejectedWhateverTheFailurePolicy(string sideEffects, string failurePolicy)
    {
        await using var server = await TestWebhookServer.StartAsync();
        await using var plane = await TestPlane.StartAsync();
        var hook = Hook(server, "fx.example.com", "/fx", $",\"failurePolicy\":\"{failurePolicy}\"").Replace("\"sideEffects\":\"None\"", $"\"sideEffects\":\"{sideEffects}\"", StringComparison.Ordinal);
        await RegisterAsync(plane, "fx", hook);

        var dry = await plane.PostAsync(ConfigMaps + "?dryRun=All", ConfigMap("c1"));
        var real = await plane.PostAsync(ConfigMaps, ConfigMap("c1"));

        Assert.Equal(HttpStatusCode.BadRequest, dry.Status);
        Assert.Equal("BadRequest", dry.Reason);
        Assert.Equal("admission webhook \"fx.example.com\" does not support dry run", dry.Message);
        Assert.Equal(HttpStatusCode.Created, real.Status);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task Delete_RuleForDelete_SendsOldObjectAndCanDeny()
    {
        await using var server = await TestWebhookServer.StartAsync();
        server.Handlers["/deny"] = r => Task.FromResult(TestWebhookServer.Review(r, false, Deny(403, "Forbidden", "keep it")));
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync(ConfigMaps, ConfigMap("c1"));
        await RegisterAsync(plane, "del", Hook(server, "del.example.com", "/deny", operations: "\"DELETE\""));

        var denied = await plane.DeleteAsync(ConfigMaps + "/c1");

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("admission webhook \"del.example.com\" denied the request: keep it", denied.Message);
        var request = Assert.Single(server.Received).Review["request"]!;
        Assert.Equal("DELETE", request["operation"]!.GetValue<string>());
        Assert.Null(request["object"]);
        Assert.Equal("c1", request["oldObject"]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("DeleteOptions", request["options"]!["kind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await plane.GetAsync(ConfigMaps + "/c1")).Status);
    }

    [Fact]
    public async Task Write_WebhookConfigurationItself_NeverSentToWebhooks()
    {
        await using var server = await TestWebhookServer.StartAsync();
        server.Handlers["/deny"] = r => Task.FromResult(TestWebhookServer.Review(r, false));
        await using var plane = await TestPlane.StartAsync();
        await RegisterAsync(plane, "all", Hook(server, "all.example.com", "/deny", operations: "\"*\"", resources: "\"*\"").Replace("\"apiGroups\":[\"\"]", "\"apiGroups\":[\"*\"]", StringComparison.Ordinal).Replace("\"apiVersions\":[\"v1\"]", "\"apiVersions\":[\"*\"]", StringComparison.Ordinal));

        var deleted = await plane.DeleteAsync("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/all");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task Create_ServiceReference_ResolvedThroughWebhookServiceResolver()
    {
        await using var server = await TestWebhookServer.StartAsync();
        server.Handlers["/validate/v1/configmaps"] = r => Task.FromResult(TestWebhookServer.Review(r, false, Deny(400, "", "via service")));
        WebhookServiceReference? asked = null;
        await using var plane = await TestPlane.StartAsync(new LocalControlPlaneOptions
        {
            WebhookServiceResolver = s =>
            {
                asked = s;
                return s.Name == "key-operator-webhook" ? new Uri(server.Url("/")) : null;
            },
        });
        var service = $$"""{"name":"svc.example.com","clientConfig":{"service":{"namespace":"keyop-system","name":"key-operator-webhook","path":"/validate/v1/configmaps","port":8443},"caBundle":"{{server.CaBundle}}"},"rules":[{"operations":["CREATE"],"apiGroups":[""],"apiVersions":["v1"],"resources":["configmaps"]}],"sideEffects":"None","admissionReviewVersions":["v1"]}""";
        var missing = service.Replace("svc.example.com", "missing.example.com", StringComparison.Ordinal).Replace("\"key-operator-webhook\"", "\"nope\"", StringComparison.Ordinal);
        await RegisterAsync(plane, "svc", service);

        var denied = await plane.PostAsync(ConfigMaps, ConfigMap("c1"));
        await plane.DeleteAsync("/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/svc");
        await RegisterAsync(plane, "missing", missing);
        var unresolved = await plane.PostAsync(ConfigMaps, ConfigMap("c1"));

        Assert.Equal("admission webhook \"svc.example.com\" denied the request: via service", denied.Message);
        Assert.Equal(new WebhookServiceReference("keyop-system", "nope", 8443), asked);
        Assert.Equal(
            "Internal error occurred: failed calling webhook \"missing.example.com\": failed to call webhook: Post \"https://nope.keyop-system.svc:8443/validate/v1/configmaps?timeout=10s\": service \"nope\" not found",
            unresolved.Message);
    }

    [Theory]
    [InlineData("Equivalent", true)]
    [InlineData("Exact", false)]
    public async Task Create_OtherVersionOfMatchedResource_CalledOnlyUnderEquivalentInRuleVersion(string matchPolicy, bool called)
    {
        await using var server = await TestWebhookServer.StartAsync();
        await using var plane = await TestPlane.StartAsync();
        await plane.CreateAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", """
            {"metadata":{"name":"gadgets.example.com"},"spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"gadgets","singular":"gadget","kind":"Gadget"},
             "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},
                         {"name":"v2","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
            """);
        var hook = $$"""{"name":"gadgets.example.com","matchPolicy":"{{matchPolicy}}","clientConfig":{"url":"{{server.Url("/g")}}","caBundle":"{{server.CaBundle}}"},"rules":[{"operations":["CREATE"],"apiGroups":["example.com"],"apiVersions":["v1"],"resources":["gadgets"]}],"sideEffects":"None","admissionReviewVersions":["v1"]}""";
        await RegisterAsync(plane, "gadgets", hook);

        await plane.CreateAsync("/apis/example.com/v2/namespaces/default/gadgets", """{"apiVersion":"example.com/v2","kind":"Gadget","metadata":{"name":"g"}}""");

        Assert.Equal(called, !server.Received.IsEmpty);
        if (called)
        {
            var request = server.Received.Single().Review["request"]!;
            Assert.Equal("v1", request["kind"]!["version"]!.GetValue<string>());
            Assert.Equal("v2", request["requestKind"]!["version"]!.GetValue<string>());
            Assert.Equal("example.com/v1", request["object"]!["apiVersion"]!.GetValue<string>());
        }
    }
}
