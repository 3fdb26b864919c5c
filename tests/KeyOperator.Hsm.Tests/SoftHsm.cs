// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace KeyOperator.Hsm.Tests;

/// <summary>
/// A SoftHSM2 token for one test run: a private SOFTHSM2_CONF and token directory under /tmp, one token initialised
/// with softhsm2-util, and the variable set in the native environment (SoftHSM reads it with getenv at
/// C_Initialize, and .NET's Environment.SetEnvironmentVariable does not reach the native environment on Unix).
/// Fails, never skips, when SoftHSM2 or OpenSC is missing: `make deps` installs them.
/// </summary>
public sealed partial class SoftHsm : IDisposable
{
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";
    public const string TokenLabel = "keyoperator-test";
    public const string Pin = "1234";
    public const string SoPin = "12345678";

    public SoftHsm()
    {
        if (!File.Exists(ModulePath))
        {
            throw new InvalidOperationException($"SoftHSM2 is not installed ({ModulePath} is missing): run `make deps`, or apt-get install -y softhsm2 opensc");
        }

        Directory = System.IO.Directory.CreateTempSubdirectory("keyop-softhsm-").FullName;
        string tokens = Path.Combine(Directory, "tokens");
        System.IO.Directory.CreateDirectory(tokens);
        ConfigPath = Path.Combine(Directory, "softhsm2.conf");
        File.WriteAllText(ConfigPath, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\nslots.mechanisms = ALL\nlibrary.reset_on_fork = false\n");
        if (SetEnv("SOFTHSM2_CONF", ConfigPath, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
        }

        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", ConfigPath);
        Run("softhsm2-util", "--init-token", "--free", "--label", TokenLabel, "--pin", Pin, "--so-pin", SoPin);
    }

    public string Directory { get; }

    public string ConfigPath { get; }

    /// <summary>Runs a tool with this token's SOFTHSM2_CONF; throws with its output when it fails.</summary>
    public string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["SOFTHSM2_CONF"] = ConfigPath;
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is not installed: run `make deps`, or apt-get install -y softhsm2 opensc", ex);
        }

        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            string output = stdout.Result + stderr.Result;
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {output}");
        }
    }

    /// <summary>`pkcs11-tool -O` (OpenSC) logged in to the token: an independent client's view of its objects.</summary>
    public string ListObjects() =>
        Run("pkcs11-tool", "--module", ModulePath, "--token-label", TokenLabel, "--login", "--pin", Pin, "-O");

    public static byte[] PinBytes() => Encoding.UTF8.GetBytes(Pin);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // The module may still hold a file open; /tmp is cleaned anyway.
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}

[CollectionDefinition(Name)]
public sealed class SoftHsmCollection : ICollectionFixture<SoftHsm>
{
    public const string Name = "SoftHSM2";
}
