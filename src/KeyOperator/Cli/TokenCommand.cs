// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using KeyOperator.Operator;
using KeyOperator.Operator.Keys;

namespace KeyOperator.Cli;

/// <summary>
/// <c>key-operator token verify TOKEN</c>: checks the format and CRC32 checksum offline (see docs/token-format.md).
/// Exits 0 only for a well-formed token, 1 otherwise, so scripts and secret scanners can use it.
/// </summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        Argument<string> token = new("token") { Description = "The token to check; '-' reads it from standard input (keeps it out of shell history)." };
        Option<string?> prefix = new("--prefix") { Description = "Also require this prefix, e.g. ko_." };
        Command verify = new("verify", "Check a KeyOperator token's format and checksum offline.") { token, prefix };
        verify.SetAction(parse =>
        {
            string value = parse.GetValue(token)!;
            if (value == "-")
            {
                value = Console.In.ReadLine() ?? string.Empty;
            }

            TokenVerification result = KeyOperatorTokens.Verify(value.Trim(), parse.GetValue(prefix));
            if (result.IsValid)
            {
                Console.Out.WriteLine("valid");
                return 0;
            }

            // The reason names the defect (length, alphabet, checksum), never echoes the token.
            Console.Error.WriteLine($"invalid: {result.Reason}");
            return 1;
        });

        Command command = new("token", "Work with KeyOperator tokens.");
        command.Subcommands.Add(verify);
        return command;
    }
}
