// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Tests.Crds;

/// <summary>A small CRD exercising every validation keyword the control plane enforces.</summary>
internal static class WidgetCrd
{
    public const string Path = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    public const string Widgets = "/apis/example.com/v1/namespaces/default/widgets";

    public const string Json = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
         "metadata":{"name":"widgets.example.com"},
         "spec":{"group":"example.com","scope":"Namespaced",
           "names":{"plural":"widgets","singular":"widget","kind":"Widget","shortNames":["wi"]},
           "versions":[{"name":"v1","served":true,"storage":true,"subresources":{"status":{}},
             "schema":{"openAPIV3Schema":{"type":"object","properties":{
               "spec":{"type":"object","required":["size"],"properties":{
                 "size":{"type":"string","enum":["S","M","L"]},
                 "color":{"type":"string","default":"blue","pattern":"^[a-z]+$","minLength":3,"maxLength":8},
                 "replicas":{"type":"integer","minimum":1,"maximum":10},
                 "ratio":{"type":"number","minimum":0,"exclusiveMinimum":true},
                 "tags":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":3,"x-kubernetes-list-type":"set"},
                 "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                   "items":{"type":"object","required":["name"],"properties":{"name":{"type":"string"},"port":{"type":"integer"}}}},
                 "labels":{"type":"object","additionalProperties":{"type":"string"}},
                 "port":{"x-kubernetes-int-or-string":true},
                 "note":{"type":"string","nullable":true},
                 "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},
               "status":{"type":"object","properties":{"phase":{"type":"string"}}}}}}},
             {"name":"v2","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
        """;

    public static async Task InstallAsync(TestPlane plane) => await plane.CreateAsync(Path, Json);

    public static string Widget(string name, string spec) =>
        "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":" + spec + "}";
}
