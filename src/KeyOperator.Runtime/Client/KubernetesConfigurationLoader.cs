// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;

namespace KeyOperator.Runtime.Client;

/// <summary>Where the connection comes from: a kubeconfig file when one is named, else the pod's service account, else the default kubeconfig.</summary>
public static class KubernetesConfigurationLoader
{
    /// <summary>
    /// Loads the library's configuration. In a pod the library's in-cluster configuration re-reads the projected,
    /// rotating service-account token; kubeconfig files bring exec plugins (EKS, GKE, AKS), OIDC and client certificates.
    /// </summary>
    /// <param name="kubeconfigPath">A kubeconfig file, or null.</param>
    /// <param name="context">A context of that file, or null for its current context.</param>
    /// <returns>The configuration.</returns>
    public static KubernetesClientConfiguration Load(string? kubeconfigPath, string? context = null)
    {
        if (!string.IsNullOrEmpty(kubeconfigPath))
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath, context);
        }

        return KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(currentContext: context);
    }
}
