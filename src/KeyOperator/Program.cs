// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using KeyOperator.Cli;

RootCommand root = new("KeyOperator: API keys and credentials for Kubernetes workloads.")
{
    RunCommand.Create(),
    DevCommand.Create(),
    GenerateCommand.Create(),
    TokenCommand.Create(),
    RotateCommand.Create(),
    RevokePreviousCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
