// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Json;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.OpenApi;

/// <summary>
/// Adds the REST paths of one resource to a group-version document: collection, item and status paths in the
/// namespaced and cluster-wide forms that <c>kubectl explain</c> and the fieldValidation check look up.
/// </summary>
internal sealed class OpenApiPathBuilder(ResourceDescriptor resource, string schemaName, string listSchemaName, bool advertiseStrategicMerge)
{
    private readonly string _fragment = OpenApiNames.OperationFragment(resource.Group, resource.Version);

    public void AddTo(JsonObject paths)
    {
        var prefix = resource.Group.Length == 0 ? "/api/" + resource.Version : "/apis/" + resource.Group + "/" + resource.Version;
        var scope = resource.Namespaced ? prefix + "/namespaces/{namespace}/" + resource.Plural : prefix + "/" + resource.Plural;
        var namespaced = resource.Namespaced ? "Namespaced" : string.Empty;

        AddPath(paths, scope, resource.Namespaced, named: false, new JsonObject
        {
            ["get"] = Operation("list", "list" + _fragment + namespaced + resource.Kind, "list or watch objects of kind " + resource.Kind, listSchemaName, List(), body: null),
            ["post"] = Operation("create", "create" + _fragment + namespaced + resource.Kind, "create a " + resource.Kind, schemaName, Mutating(), Body(schemaName)),
            ["delete"] = Operation("deletecollection", "deletecollection" + _fragment + namespaced + resource.Kind, "delete collection of " + resource.Kind, "io.k8s.apimachinery.pkg.apis.meta.v1.Status", List(), body: null),
        });
        AddPath(paths, scope + "/{name}", resource.Namespaced, named: true, ItemOperations(namespaced + resource.Kind, string.Empty));
        if (resource.HasStatusSubresource)
        {
            AddPath(paths, scope + "/{name}/status", resource.Namespaced, named: true, ItemOperations(namespaced + resource.Kind + "Status", "status of "));
        }

        if (resource.Namespaced)
        {
            AddPath(paths, prefix + "/" + resource.Plural, namespaced: false, named: false, new JsonObject
            {
                ["get"] = Operation("list", "list" + _fragment + resource.Kind + "ForAllNamespaces", "list or watch objects of kind " + resource.Kind, listSchemaName, List(), body: null),
            });
        }
    }

    private JsonObject ItemOperations(string idSuffix, string what) => new()
    {
        ["get"] = Operation("get", "read" + _fragment + idSuffix, "read " + what + "the specified " + resource.Kind, schemaName, [], body: null),
        ["put"] = Operation("update", "replace" + _fragment + idSuffix, "replace " + what + "the specified " + resource.Kind, schemaName, Mutating(), Body(schemaName)),
        ["patch"] = Operation("patch", "patch" + _fragment + idSuffix, "partially update " + what + "the specified " + resource.Kind, schemaName, Patching(), PatchBody()),
        ["delete"] = Operation("delete", "delete" + _fragment + idSuffix, "delete " + what + "a " + resource.Kind, schemaName, [OpenApiParameters.DryRun()], body: null),
    };

    private void AddPath(JsonObject paths, string path, bool namespaced, bool named, JsonObject operations)
    {
        var item = new JsonObject();
        foreach (var (method, operation) in operations)
        {
            if (operation is not null)
            {
                item[method] = operation.DeepClone();
            }
        }

        if (item.Count == 0)
        {
            return;
        }

        var parameters = new JsonArray();
        if (named)
        {
            parameters.Add((JsonNode)OpenApiParameters.Path("name", "name of the " + resource.Kind));
        }

        if (namespaced)
        {
            parameters.Add((JsonNode)OpenApiParameters.Path("namespace", "object name and auth scope, such as for teams and projects"));
        }

        if (parameters.Count > 0)
        {
            item["parameters"] = parameters;
        }

        paths[path] = item;
    }

    private JsonObject? Operation(string verb, string operationId, string description, string responseSchema, JsonArray parameters, JsonObject? body)
    {
        var action = verb switch
        {
            "create" => "post",
            "update" => "put",
            _ => verb,
        };
        if (!resource.Verbs.Contains(verb))
        {
            return null;
        }

        var operation = new JsonObject
        {
            ["tags"] = new JsonArray(JsonValue.Create(_fragment)),
            ["description"] = description,
            ["operationId"] = operationId,
            ["parameters"] = parameters,
        };
        if (body is not null)
        {
            operation["requestBody"] = body;
        }

        operation["responses"] = new JsonObject
        {
            [verb == "create" ? "201" : "200"] = new JsonObject
            {
                ["description"] = verb == "create" ? "Created" : "OK",
                ["content"] = new JsonObject
                {
                    ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = OpenApiNames.Ref(responseSchema) } },
                },
            },
            ["401"] = new JsonObject { ["description"] = "Unauthorized" },
        };
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = JsonNodes.GroupVersionKind(resource.Group, resource.Version, resource.Kind);
        return operation;
    }

    private static JsonArray List() => OpenApiParameters.List();

    private static JsonArray Mutating() => [OpenApiParameters.DryRun(), OpenApiParameters.FieldManager(), OpenApiParameters.FieldValidation()];

    private static JsonArray Patching() =>
        [OpenApiParameters.DryRun(), OpenApiParameters.FieldManager(), OpenApiParameters.FieldValidation(), OpenApiParameters.Force()];

    private static JsonObject Body(string schemaName) => new()
    {
        ["content"] = new JsonObject { ["*/*"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = OpenApiNames.Ref(schemaName) } } },
        ["required"] = true,
    };

    private JsonObject PatchBody()
    {
        // kubectl's client-side apply sends a strategic merge patch as soon as this media type is listed, so it must
        // never be listed for custom resources (the apiserver rejects strategic merge patches for them).
        string[] mediaTypes = resource.BuiltIn && advertiseStrategicMerge
            ? ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"]
            : ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];
        var content = new JsonObject();
        foreach (var mediaType in mediaTypes)
        {
            content[mediaType] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = OpenApiNames.Ref(OpenApiNames.Patch) } };
        }

        return new JsonObject { ["content"] = content, ["required"] = true };
    }
}
