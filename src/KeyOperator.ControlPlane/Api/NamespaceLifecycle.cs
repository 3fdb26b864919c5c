// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>What the apiserver's NamespaceLifecycle admission plugin enforces: nothing is created in a missing or
/// terminating namespace, and the system namespaces cannot be deleted. Callers hold the storage lock.</summary>
internal sealed class NamespaceLifecycle(ObjectStore store)
{
    public void EnsureWritable(ResourceDescriptor descriptor, string ns, string name)
    {
        var nsObject = store.Get(StorageKeys.Of(BuiltInResources.Namespaces), null, ns) ?? throw ApiErrors.NotFound(BuiltInResources.Namespaces, ns);
        if (nsObject["metadata"]?["deletionTimestamp"] is not null)
        {
            throw ApiErrors.NamespaceTerminating(descriptor, name, ns);
        }
    }

    public static void EnsureDeletable(ResourceDescriptor descriptor, string name)
    {
        if (descriptor == BuiltInResources.Namespaces && name is "default" or "kube-system" or "kube-public")
        {
            throw new ApiException(403, "Forbidden", $"namespaces \"{name}\" is forbidden: this namespace may not be deleted", ApiErrors.Details(string.Empty, "namespaces", name));
        }
    }
}
