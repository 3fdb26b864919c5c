// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using System.Text;
using KeyOperator.Operator;

namespace KeyOperator.Cli;

/// <summary>
/// <c>key-operator hsm init-master</c>: creates the master key derived ApiKeys use, inside the HSM. The reconcile loop
/// never creates one: a missing master is reported (HsmKeyMissing) instead of silently minting a new root.
/// </summary>
internal static class HsmCommand
{
    /// <summary>Environment variable read for the PIN when --pin-file is not given.</summary>
    public const string PinVariable = "KEYOP_HSM_PIN";

    public static Command Create()
    {
        Option<string> config = new("--hsm-config") { Description = "HSM settings file (the operator's --hsm-config).", Required = true };
        Option<string> hsm = new("--hsm") { Description = "Name of the HSM in the settings file.", Required = true };
        Option<string> label = new("--label") { Description = "Label of the master key (spec.source.hsm.masterKeyLabel).", Required = true };
        Option<int> bytes = new("--bytes") { Description = "Key size in bytes (at least 32).", DefaultValueFactory = _ => 32 };
        Option<string?> pinFile = new("--pin-file") { Description = $"File holding the user PIN, '-' for standard input; without it ${PinVariable}. Never a flag value, which would land in shell history." };
        Command init = new("init-master", "Generate a master key (generic secret, sensitive, not extractable, sign/verify) inside an HSM.") { config, hsm, label, bytes, pinFile };
        init.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(bytes) < 32)
            {
                await Console.Error.WriteLineAsync("error: --bytes must be at least 32").ConfigureAwait(false);
                return 2;
            }

            byte[]? pin = await ReadPinAsync(parse.GetValue(pinFile), cancellationToken).ConfigureAwait(false);
            if (pin is null)
            {
                await Console.Error.WriteLineAsync($"error: no PIN: give --pin-file or set {PinVariable}").ConfigureAwait(false);
                return 2;
            }

            string? error = await KeyOperatorHsm.InitMasterAsync(parse.GetValue(config)!, parse.GetValue(hsm)!, parse.GetValue(label)!, parse.GetValue(bytes), pin, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                await Console.Error.WriteLineAsync("error: " + error).ConfigureAwait(false);
                return 1;
            }

            await Console.Out.WriteLineAsync($"created master key \"{parse.GetValue(label)}\" in HSM {parse.GetValue(hsm)}").ConfigureAwait(false);
            return 0;
        });

        Command command = new("hsm", "Work with the HSMs of the settings file.");
        command.Subcommands.Add(init);
        return command;
    }

    private static async Task<byte[]?> ReadPinAsync(string? file, CancellationToken cancellationToken)
    {
        string? text = file switch
        {
            null => Environment.GetEnvironmentVariable(PinVariable),
            "-" => await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false),
            _ => await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false),
        };
        text = text?.TrimEnd('\r', '\n');
        return string.IsNullOrEmpty(text) ? null : Encoding.UTF8.GetBytes(text);
    }
}
