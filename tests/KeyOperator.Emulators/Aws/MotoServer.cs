// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.Emulators.Aws;

/// <summary>
/// moto (<c>python3 -m moto.server</c>, the real AWS emulator) on a free loopback port over HTTPS with a throwaway CA
/// (trusted only through a <c>caBundle</c>). With <c>enforceAuth</c>, moto checks SigV4 signatures and IAM policies
/// after its first three unauthenticated calls, which create an admin user; the other identities
/// (<see cref="MotoIdentities"/>) are then created by that admin. Without it, nothing is checked: STS
/// AssumeRoleWithWebIdentity, which is unsigned, works only there. Killed on dispose.
/// </summary>
public sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly EmulatorCertificates _certificates;
    private readonly string _directory;
    private readonly StringBuilder _log;
    private readonly TaskCompletionSource _listening;

    private MotoServer(Process process, EmulatorCertificates certificates, string directory, Uri endpoint, StringBuilder log, TaskCompletionSource listening)
    {
        _process = process;
        _listening = listening;
        _certificates = certificates;
        _directory = directory;
        _log = log;
        Endpoint = endpoint;
    }

    /// <summary>The endpoint for every service (Secrets Manager, STS, IAM), such as <c>https://127.0.0.1:41234</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The CA PEM to trust.</summary>
    public string CaPem => _certificates.CaPem;

    /// <summary>The identities, when auth is enforced (else null: any key works).</summary>
    public MotoIdentities? Identities { get; private set; }

    /// <summary>The minimal IAM read policy the reader user and the role carry.</summary>
    public static string ReadPolicy => MotoScripts.ReadPolicy;

    /// <summary>Starts moto and waits until it answers.</summary>
    /// <param name="enforceAuth">Whether moto checks signatures and IAM (then the identities are created).</param>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException">python3 or moto is missing, or moto did not start.</exception>
    public static async Task<MotoServer> StartAsync(bool enforceAuth = true)
    {
        await EnsureMotoAsync().ConfigureAwait(false);
        string directory = Directory.CreateTempSubdirectory("keyop-moto-").FullName;
        EmulatorCertificates certificates = EmulatorCertificates.Create("moto");
        string cert = Path.Combine(directory, "cert.pem");
        string key = Path.Combine(directory, "key.pem");
        string ca = Path.Combine(directory, "ca.pem");
        await File.WriteAllTextAsync(cert, certificates.Server.ExportCertificatePem()).ConfigureAwait(false);
        using (ECDsa? ecdsa = certificates.Server.GetECDsaPrivateKey())
        {
            await File.WriteAllTextAsync(key, ecdsa!.ExportPkcs8PrivateKeyPem()).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(ca, certificates.CaPem).ConfigureAwait(false);
        int port = FreePort();
        ProcessStartInfo start = new("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", cert, "-k", key])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (enforceAuth)
        {
            start.Environment["INITIAL_NO_AUTH_ACTION_COUNT"] = "3";
        }

        StringBuilder log = new();
        TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 -m moto.server did not start");
        process.OutputDataReceived += (_, e) => Append(log, e.Data, listening);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data, listening);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        MotoServer server = new(process, certificates, directory, new Uri($"https://127.0.0.1:{port}"), log, listening);
        try
        {
            await server.WaitReadyAsync().ConfigureAwait(false);
            if (enforceAuth)
            {
                string json = await server.RunPythonAsync(MotoScripts.Setup, null, new Dictionary<string, string> { ["KEYOP_READ_POLICY"] = MotoScripts.ReadPolicy }).ConfigureAwait(false);
                server.Identities = JsonSerializer.Deserialize<MotoIdentities>(json.Trim())
                    ?? throw new InvalidOperationException("moto setup printed nothing");
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Runs Secrets Manager calls (boto3 method names and arguments) as the admin, in one python process.</summary>
    /// <param name="calls">The calls, such as <c>("put_secret_value", new JsonObject { ["SecretId"] = "db", ["SecretString"] = "v2" })</c>.</param>
    /// <returns>The results, one per call.</returns>
    public async Task<IReadOnlyList<JsonObject>> SecretsManagerAsync(params (string Operation, JsonObject Arguments)[] calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        StringBuilder input = new();
        foreach ((string operation, JsonObject arguments) in calls)
        {
            input.Append(new JsonObject { ["op"] = operation, ["args"] = arguments.DeepClone() }.ToJsonString()).Append('\n');
        }

        Dictionary<string, string> environment = [];
        if (Identities is { } identities)
        {
            environment["KEYOP_ADMIN_AK"] = identities.Admin.AccessKeyId;
            environment["KEYOP_ADMIN_SK"] = identities.Admin.SecretAccessKey;
        }

        string output = await RunPythonAsync(MotoScripts.Admin, input.ToString(), environment).ConfigureAwait(false);
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject())];
    }

    /// <summary>Creates a secret with a string value; returns its VersionId.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The version id.</returns>
    public async Task<string> CreateSecretAsync(string name, string value) =>
        (await SecretsManagerAsync(("create_secret", new JsonObject { ["Name"] = name, ["SecretString"] = value })).ConfigureAwait(false))[0]["VersionId"]!.GetValue<string>();

    /// <summary>Puts a new current string value; returns its VersionId.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The version id.</returns>
    public async Task<string> PutSecretValueAsync(string name, string value) =>
        (await SecretsManagerAsync(("put_secret_value", new JsonObject { ["SecretId"] = name, ["SecretString"] = value })).ConfigureAwait(false))[0]["VersionId"]!.GetValue<string>();

    /// <summary>Deletes a secret at once (ForceDeleteWithoutRecovery).</summary>
    /// <param name="name">The name.</param>
    /// <returns>A task.</returns>
    public Task DeleteSecretAsync(string name) =>
        SecretsManagerAsync(("delete_secret", new JsonObject { ["SecretId"] = name, ["ForceDeleteWithoutRecovery"] = true }));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _certificates.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task EnsureMotoAsync()
    {
        (int code, string output) = await RunAsync("python3", ["-c", "import moto, boto3; from moto import server; print(moto.__version__)"], null, null, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException("moto is required for the AWS tests: `python3 -m moto.server` must work (make deps installs it: pip install 'moto[server]'). python3 said: " + output.Trim());
        }
    }

    private static int FreePort()
    {
        using TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder log, string? line, TaskCompletionSource listening)
    {
        if (line is null)
        {
            return;
        }

        // werkzeug prints this once its socket is bound: the positive signal WaitReadyAsync waits for.
        if (line.Contains("Running on", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }

        lock (log)
        {
            if (log.Length < 64 * 1024)
            {
                log.AppendLine(line);
            }
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> arguments, string? input, IDictionary<string, string>? environment, TimeSpan timeout)
    {
        ProcessStartInfo start = new(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (127, $"{file} is not installed ({ex.Message})");
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            using CancellationTokenSource cts = new(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"{file} timed out after {timeout}");
            }

            string output = await stdout.ConfigureAwait(false);
            string error = await stderr.ConfigureAwait(false);
            return (process.ExitCode, process.ExitCode == 0 ? output : output + error);
        }
    }

    private async Task<string> RunPythonAsync(string script, string? input, IDictionary<string, string> environment)
    {
        environment["KEYOP_MOTO_ENDPOINT"] = Endpoint.ToString().TrimEnd('/');
        environment["KEYOP_MOTO_CA"] = Path.Combine(_directory, "ca.pem");
        (int code, string output) = await RunAsync("python3", ["-c", script], input, environment, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException($"a boto3 call against moto failed ({code}): {output}");
        }

        return output;
    }

    private async Task WaitReadyAsync()
    {
        X509Certificate2Collection roots = [];
        roots.ImportFromPem(CaPem);
        using HttpClientHandler handler = new()
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using X509Chain chain = new();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(certificate);
            },
        };
        using HttpClient http = new(handler) { Timeout = TimeSpan.FromSeconds(5) };
        // Wait for the listening line (or an exit), then check once that moto answers over TLS with our CA; the 60 s
        // only bounds a hung start.
        Task exited = _process.WaitForExitAsync();
        Task first = await Task.WhenAny(_listening.Task, exited).WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        if (first == exited)
        {
            throw new InvalidOperationException($"moto exited with {_process.ExitCode} before it listened: {Log()}");
        }

        // The moto-api dashboard is not an AWS action, so the check spends none of the unauthenticated calls.
        Uri probe = new(Endpoint, "/moto-api/");
        using HttpResponseMessage response = await http.GetAsync(probe).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"moto answered {probe} with {(int)response.StatusCode}: {Log()}");
        }
    }

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }
}
