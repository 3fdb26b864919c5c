// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using KeyOperator.Cli;

RootCommand root = new("KeyOperator: API keys and credentials for Kubernetes workloads.")
{
    RunCommand.Create(),
    GenerateCommand.Create(),
    TokenCommand.Create(),
    HsmCommand.Create(),
    RotateCommand.Create(),
    RevokePreviousCommand.Create(),
};

// SIGTERM (a pod's termination, a CI job's cleanup) and Ctrl-C cancel the command's token, so the operator host shuts
// down gracefully. System.CommandLine 2.0.0 ships this off (its default is null, dotnet/command-line-api#2739), and the
// ASP.NET Core host would otherwise swallow SIGTERM.
InvocationConfiguration invocation = new() { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) };
return await root.Parse(args).InvokeAsync(invocation);
