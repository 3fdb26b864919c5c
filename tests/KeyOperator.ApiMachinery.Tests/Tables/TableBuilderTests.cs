// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Tables;

namespace KeyOperator.ApiMachinery.Tests.Tables;

public sealed class TableBuilderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BuildList_CustomResource_NameThenColumnsByPriorityThenAge()
    {
        var table = TableBuilder.BuildList(Descriptors.Widget, [Widget("w1", "M", "True"), Widget("w2", "S", null)], "1011", Now);

        Assert.Equal("Table", (string?)table["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)table["apiVersion"]);
        Assert.Equal("1011", (string?)table["metadata"]!["resourceVersion"]);
        var columns = table["columnDefinitions"]!.AsArray();
        Assert.Equal(["Name", "Size", "Ready", "Age"], columns.Select(c => (string)c!["name"]!));
        Assert.Equal("name", (string?)columns[0]!["format"]);
        Assert.Equal(1, (int)columns[2]!["priority"]!);
        Assert.Equal("date", (string?)columns[3]!["type"]);
        Assert.Equal("[\"w1\",\"M\",\"True\",\"16m\"]", table["rows"]![0]!["cells"]!.ToJsonString());
        Assert.Equal("[\"w2\",\"S\",null,\"16m\"]", table["rows"]![1]!["cells"]!.ToJsonString());
    }

    [Fact]
    public void BuildList_DefaultInclude_RowObjectIsPartialObjectMetadata()
    {
        var table = TableBuilder.BuildList(Descriptors.Widget, [Widget("w1", "M", "True")], null, Now);

        var row = table["rows"]![0]!["object"]!;
        Assert.Equal("PartialObjectMetadata", (string?)row["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)row["apiVersion"]);
        Assert.Equal("demo", (string?)row["metadata"]!["namespace"]);
        Assert.Equal("gold", (string?)row["metadata"]!["labels"]!["tier"]);
        Assert.Null(row["spec"]);
        Assert.Null(table["metadata"]!["resourceVersion"]);
    }

    [Theory]
    [InlineData("None", false, false)]
    [InlineData("Object", true, true)]
    [InlineData(null, true, false)]
    public void BuildSingle_IncludeObject_ControlsRowObject(string? include, bool hasObject, bool hasSpec)
    {
        var table = TableBuilder.BuildSingle(Descriptors.Widget, Widget("w1", "M", null), Now, TableBuilder.ParseIncludeObject(include));

        var row = Assert.Single(table["rows"]!.AsArray())!;
        Assert.Equal(hasObject, row["object"] is not null);
        Assert.Equal(hasSpec, row["object"]?["spec"] is not null);
        Assert.Equal("7", (string?)table["metadata"]!["resourceVersion"]);
    }

    [Fact]
    public void BuildList_PrinterColumnTypes_AreTypedLikeTheApiserver()
    {
        var descriptor = Descriptors.Widget with
        {
            PrinterColumns =
            [
                new() { Name = "Count", Type = "integer", JsonPath = ".spec.count" },
                new() { Name = "Ok", Type = "boolean", JsonPath = ".spec.ok" },
                new() { Name = "Seen", Type = "date", JsonPath = ".status.seen" },
                new() { Name = "Wrong", Type = "integer", JsonPath = ".spec.size" },
                new() { Name = "Created", Type = "date", JsonPath = ".metadata.creationTimestamp" },
            ],
        };
        var item = Widget("w1", "M", null);
        item["spec"]!["count"] = 3;
        item["spec"]!["ok"] = true;
        item["status"] = new JsonObject { ["seen"] = "2025-01-01T00:59:00Z" };

        var table = TableBuilder.BuildList(descriptor, [item], "1", Now);

        Assert.Equal(["Name", "Count", "Ok", "Seen", "Wrong", "Created"], table["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Equal("[\"w1\",3,true,\"60s\",null,\"16m\"]", table["rows"]![0]!["cells"]!.ToJsonString());
    }

    [Theory]
    [InlineData("", "Namespace", "Name,Status,Age", """{"metadata":{"name":"demo","creationTimestamp":"2025-01-01T00:00:00Z"},"status":{"phase":"Active"}}""", """["demo","Active","60m"]""")]
    [InlineData("", "Secret", "Name,Type,Data,Age", """{"metadata":{"name":"s"},"type":"kubernetes.io/tls","data":{"a":"","b":""}}""", """["s","kubernetes.io/tls",2,"\u003Cunknown\u003E"]""")]
    [InlineData("", "ConfigMap", "Name,Data,Age", """{"metadata":{"name":"c","creationTimestamp":"2025-01-01T00:59:44Z"},"data":{"a":"b"},"binaryData":{"x":""}}""", """["c",2,"16s"]""")]
    [InlineData("", "ServiceAccount", "Name,Secrets,Age", """{"metadata":{"name":"default","creationTimestamp":"2025-01-01T00:59:44Z"}}""", """["default",0,"16s"]""")]
    [InlineData("apps", "Deployment", "Name,Ready,Up-to-date,Available,Age,Containers,Images,Selector", """{"metadata":{"name":"d","creationTimestamp":"2025-01-01T00:59:44Z"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"d"}},"template":{"spec":{"containers":[{"name":"x","image":"nginx"}]}}},"status":{"readyReplicas":2,"updatedReplicas":3,"availableReplicas":2}}""", """["d","2/3",3,2,"16s","x","nginx","app=d"]""")]
    [InlineData("coordination.k8s.io", "Lease", "Name,Holder,Age", """{"metadata":{"name":"l","creationTimestamp":"2025-01-01T00:59:44Z"},"spec":{"holderIdentity":"pod-1"}}""", """["l","pod-1","16s"]""")]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", "Name,Created At", """{"metadata":{"name":"widgets.example.com","creationTimestamp":"2025-01-01T00:00:00Z"}}""", """["widgets.example.com","2025-01-01T00:00:00Z"]""")]
    [InlineData("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "Name,Webhooks,Age", """{"metadata":{"name":"v","creationTimestamp":"2025-01-01T00:59:44Z"},"webhooks":[{"name":"a"}]}""", """["v",1,"16s"]""")]
    [InlineData("", "Event", "Last Seen,Type,Reason,Object,Subobject,Source,Message,First Seen,Count,Name", """{"metadata":{"name":"e1"},"type":"Normal","reason":"Rotated","involvedObject":{"kind":"ApiKey","name":"k1"},"source":{"component":"keyoperator"},"message":"rotated","firstTimestamp":"2025-01-01T00:00:00Z","lastTimestamp":"2025-01-01T00:59:00Z","count":2}""", """["60s","Normal","Rotated","apikey/k1","","keyoperator","rotated","60m",2,"e1"]""")]
    [InlineData("events.k8s.io", "Event", "Last Seen,Type,Reason,Object,Subobject,Source,Message,First Seen,Count,Name", """{"metadata":{"name":"e2"},"type":"Warning","reason":"Failed","regarding":{"kind":"ApiKey","name":"k2"},"reportingController":"keyoperator","note":"boom","eventTime":"2025-01-01T00:59:44.000000Z"}""", """["16s","Warning","Failed","apikey/k2","","keyoperator","boom","16s",1,"e2"]""")]
    public void BuildList_BuiltInKinds_UseApiserverColumns(string group, string kind, string columns, string json, string cells)
    {
        var descriptor = BuiltInDescriptors.Get(group, kind);

        var table = TableBuilder.BuildList(descriptor, [(JsonObject)JsonNode.Parse(json)!], "5", Now);

        Assert.Equal(columns, string.Join(',', table["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!)));
        Assert.Equal(cells, table["rows"]![0]!["cells"]!.ToJsonString());
    }

    [Theory]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", true)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void WantsTable_AcceptHeader_DetectsTableRequest(string? accept, bool expected)
    {
        Assert.Equal(expected, TableBuilder.WantsTable(accept));
    }

    [Fact]
    public void BuildList_Service_PrintsTypePortsAndNoneForUnallocatedClusterIp()
    {
        var service = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"s1","namespace":"demo","creationTimestamp":"2025-01-01T00:43:12Z"},
             "spec":{"selector":{"app":"a"},"ports":[{"port":443,"targetPort":9443,"protocol":"TCP"},{"port":53,"protocol":"UDP","nodePort":30053}]}}
            """)!.AsObject();

        var table = TableBuilder.BuildList(BuiltInDescriptors.Get(string.Empty, "Service"), [service], null, Now);

        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"], table["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Equal(["s1", "ClusterIP", "<none>", "<none>", "443/TCP,53:30053/UDP", "16m", "app=a"], table["rows"]![0]!["cells"]!.AsArray().Select(c => c!.ToString()));
    }

    [Fact]
    public void BuildList_PodDisruptionBudget_PrintsIntOrStringAndNotApplicable()
    {
        var pdb = JsonNode.Parse("""
            {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"p1","namespace":"demo","creationTimestamp":"2025-01-01T00:43:12Z"},
             "spec":{"minAvailable":"50%"},"status":{"disruptionsAllowed":1}}
            """)!.AsObject();

        var table = TableBuilder.BuildList(BuiltInDescriptors.Get("policy", "PodDisruptionBudget"), [pdb], null, Now);

        Assert.Equal("[\"p1\",\"50%\",\"N/A\",1,\"16m\"]", table["rows"]![0]!["cells"]!.ToJsonString());
    }

    private static JsonObject Widget(string name, string size, string? ready)
    {
        var widget = new JsonObject
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = "demo",
                ["resourceVersion"] = "7",
                ["creationTimestamp"] = "2025-01-01T00:43:12Z",
                ["labels"] = new JsonObject { ["tier"] = "gold" },
            },
            ["spec"] = new JsonObject { ["size"] = size },
        };
        if (ready is not null)
        {
            widget["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready }) };
        }

        return widget;
    }
}
