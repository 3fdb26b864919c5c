// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;

namespace KeyOperator.ControlPlane.Hosting;

/// <summary>Writes the kubeconfig that points kubectl (or our client) at the local control plane.</summary>
internal static class KubeconfigBuilder
{
    public const string ContextName = "keyop-local";

    public static string Build(Uri server, string caPem, string token)
    {
        var caData = Convert.ToBase64String(Encoding.ASCII.GetBytes(caPem));
        var serverText = server.GetLeftPart(UriPartial.Authority);
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {ContextName}
              cluster:
                server: {serverText}
                certificate-authority-data: {caData}
            users:
            - name: {ContextName}
              user:
                token: {token}
            contexts:
            - name: {ContextName}
              context:
                cluster: {ContextName}
                user: {ContextName}
                namespace: default
            current-context: {ContextName}

            """;
    }
}
