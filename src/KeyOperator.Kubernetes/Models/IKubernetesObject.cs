// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>
/// Any Kubernetes API object: it names its schema by <c>apiVersion</c> and <c>kind</c> and carries standard metadata.
/// </summary>
public interface IKubernetesObject
{
    /// <summary>Group and version of the schema, for example <c>v1</c> or <c>keyoperator.io/v1alpha1</c>.</summary>
    string? ApiVersion { get; }

    /// <summary>The kind, for example <c>Secret</c>.</summary>
    string? Kind { get; }

    /// <summary>Standard object metadata; never null on objects read from a server.</summary>
    ObjectMeta Metadata { get; }
}
