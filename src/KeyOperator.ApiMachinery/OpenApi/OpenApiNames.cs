// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ApiMachinery.OpenApi;

/// <summary>Component names and <c>$ref</c>s the way the apiserver spells them.</summary>
internal static class OpenApiNames
{
    public const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    public const string ListMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta";

    public const string Patch = "io.k8s.apimachinery.pkg.apis.meta.v1.Patch";

    public static string Ref(string name) => "#/components/schemas/" + name;

    /// <summary>The key of a group-version in the <c>/openapi/v3</c> root: <c>api/v1</c> or <c>apis/&lt;g&gt;/&lt;v&gt;</c>.</summary>
    public static string GroupVersionKey(string group, string version) =>
        group.Length == 0 ? "api/" + version : "apis/" + group + "/" + version;

    /// <summary>Schema name of a custom kind: the reversed group, then version and kind (<c>com.example.v1.Widget</c>).</summary>
    public static string CustomKind(ResourceDescriptor resource)
    {
        var labels = resource.Group.Split('.');
        Array.Reverse(labels);
        return string.Join('.', labels) + "." + resource.Version + "." + resource.Kind;
    }

    /// <summary>Identifier fragment such as <c>ExampleComV1</c> or <c>CoreV1</c> for operation ids.</summary>
    public static string OperationFragment(string group, string version)
    {
        var builder = new StringBuilder();
        foreach (var part in (group.Length == 0 ? "core" : group).Split('.', '-'))
        {
            if (part.Length > 0)
            {
                builder.Append(char.ToUpper(part[0], CultureInfo.InvariantCulture)).Append(part.AsSpan(1));
            }
        }

        return builder.Append(char.ToUpper(version[0], CultureInfo.InvariantCulture)).Append(version.AsSpan(1)).ToString();
    }
}
