// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ControlPlane.Api;

/// <summary>The PATCH content types (apimachinery <c>pkg/types/patch.go</c>).</summary>
internal static class PatchTypes
{
    public const string Json = "application/json-patch+json";
    public const string Merge = "application/merge-patch+json";
    public const string Strategic = "application/strategic-merge-patch+json";
    public const string Apply = "application/apply-patch+yaml";

    public static string Accepted(ResourceDescriptor descriptor) =>
        descriptor.BuiltIn ? $"{Json}, {Merge}, {Strategic}, {Apply}" : $"{Json}, {Merge}, {Apply}";
}
