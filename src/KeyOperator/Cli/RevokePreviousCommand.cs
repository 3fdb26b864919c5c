// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using KeyOperator.Operator;

namespace KeyOperator.Cli;

/// <summary>
/// <c>key-operator revoke-previous</c>: ends the grace period of a rotation at once, by setting a new value of the
/// keyoperator.io/revoke-previous annotation; the previous key is then removed from the Secret.
/// </summary>
internal static class RevokePreviousCommand
{
    public static Command Create() => RotateCommand.CreateAnnotating(
        "revoke-previous",
        "Remove the previous key of ApiKeys now, ending their grace period (sets keyoperator.io/revoke-previous).",
        ApiKeyRequest.RevokePrevious,
        "previous key revocation requested");
}
