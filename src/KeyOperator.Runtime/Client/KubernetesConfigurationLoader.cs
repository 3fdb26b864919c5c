// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s;
using k8s.Exceptions;

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
    /// <exception cref="KubeConfigException">A context was given without a kubeconfig inside a pod.</exception>
    /// <exception cref="FormatException">The kubeconfig file is malformed; the message names the file and line.</exception>
    public static KubernetesClientConfiguration Load(string? kubeconfigPath, string? context = null)
    {
        if (!string.IsNullOrEmpty(kubeconfigPath))
        {
            // Parsed by our reader, not the library's loader, for memory (KubeconfigReader says why); the library
            // builds the configuration from the parsed file exactly as its loader would.
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Read(kubeconfigPath), context);
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            // In a pod the service account is the identity; a context names an entry of a kubeconfig, so one given
            // without a file would be silently ignored and the operator would act as someone other than asked.
            return string.IsNullOrEmpty(context)
                ? KubernetesClientConfiguration.InClusterConfig()
                : throw new KubeConfigException($"context '{context}' was given without a kubeconfig file, but in a pod the service account is used: pass the kubeconfig too, or drop the context");
        }

        return KubernetesClientConfiguration.BuildConfigFromConfigFile(currentContext: context);
    }
}
