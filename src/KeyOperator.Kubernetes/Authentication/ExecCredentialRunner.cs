// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.Kubernetes.Authentication;

/// <summary>
/// Runs an exec credential plugin per the <c>client.authentication.k8s.io/v1</c> contract (kubernetes/website
/// "client-go credential plugins"; client-go <c>plugin/pkg/client/auth/exec/exec.go</c>): the kubeconfig env is added,
/// <c>KUBERNETES_EXEC_INFO</c> carries an ExecCredential with <c>spec.interactive</c> (always false here: no terminal)
/// and, when asked, <c>spec.cluster</c>; stdout must be an ExecCredential of the same apiVersion.
/// Errors never include the plugin's output, which holds credentials.
/// </summary>
internal static class ExecCredentialRunner
{
    public static async Task<ExecCredential> RunAsync(ExecCredentialConfig exec, KubernetesClientConfiguration cluster, CancellationToken cancellationToken)
    {
        if (exec.InteractiveMode == "Always")
        {
            throw new KubeconfigException($"The exec plugin '{exec.Command}' requires an interactive terminal (interactiveMode: Always), which this client does not have.");
        }

        var start = new ProcessStartInfo(exec.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = exec.WorkingDirectory ?? string.Empty,
        };
        foreach (string argument in exec.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in exec.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["KUBERNETES_EXEC_INFO"] = BuildExecInfo(exec, cluster);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new KubeconfigException($"The exec plugin '{exec.Command}' could not be started.", ex);
        }

        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string output = await stdout.ConfigureAwait(false);
        _ = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new KubeconfigException($"The exec plugin '{exec.Command}' exited with code {process.ExitCode}.");
        }

        return Parse(output, exec.ApiVersion, exec.Command);
    }

    // Internal for testing.
    internal static ExecCredential Parse(string output, string expectedApiVersion, string command)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(output);
        }
        catch (JsonException ex)
        {
            throw new KubeconfigException($"The exec plugin '{command}' did not print JSON.", ex);
        }

        if (root is not JsonObject credential || (string?)credential["kind"] != "ExecCredential")
        {
            throw new KubeconfigException($"The exec plugin '{command}' did not print an ExecCredential.");
        }

        string? apiVersion = (string?)credential["apiVersion"];
        if (apiVersion != expectedApiVersion)
        {
            throw new KubeconfigException($"The exec plugin '{command}' printed apiVersion '{apiVersion}', but the kubeconfig expects '{expectedApiVersion}'.");
        }

        JsonObject status = credential["status"] as JsonObject
            ?? throw new KubeconfigException($"The exec plugin '{command}' printed an ExecCredential without status.");
        string? token = (string?)status["token"];
        string? certificate = (string?)status["clientCertificateData"];
        string? key = (string?)status["clientKeyData"];
        DateTimeOffset? expiresAt = (string?)status["expirationTimestamp"] is { Length: > 0 } expiry
            ? DateTimeOffset.Parse(expiry, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;

        if (string.IsNullOrEmpty(token) && (string.IsNullOrEmpty(certificate) || string.IsNullOrEmpty(key)))
        {
            throw new KubeconfigException($"The exec plugin '{command}' returned neither a token nor a client certificate and key.");
        }

        return new ExecCredential(
            string.IsNullOrEmpty(token) ? null : token,
            string.IsNullOrEmpty(certificate) || string.IsNullOrEmpty(key) ? null : PemCertificates.LoadClientCertificate(certificate, key),
            expiresAt);
    }

    private static string BuildExecInfo(ExecCredentialConfig exec, KubernetesClientConfiguration cluster)
    {
        var spec = new JsonObject { ["interactive"] = false };
        if (exec.ProvideClusterInfo)
        {
            var clusterInfo = new JsonObject { ["server"] = cluster.Server.ToString().TrimEnd('/') };
            if (cluster.TlsServerName is not null)
            {
                clusterInfo["tls-server-name"] = cluster.TlsServerName;
            }

            if (cluster.InsecureSkipTlsVerify)
            {
                clusterInfo["insecure-skip-tls-verify"] = true;
            }

            if (cluster.CertificateAuthorities.Count > 0)
            {
                string pem = string.Concat(cluster.CertificateAuthorities.Select(c => c.ExportCertificatePem() + "\n"));
                clusterInfo["certificate-authority-data"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem));
            }

            spec["cluster"] = clusterInfo;
        }

        var info = new JsonObject { ["apiVersion"] = exec.ApiVersion, ["kind"] = "ExecCredential", ["spec"] = spec };
        return info.ToJsonString();
    }
}
