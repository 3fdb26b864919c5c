// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.CommandLine;
using KeyOperator.LocalCluster;

// SIGTERM (a CI job's cleanup) and Ctrl-C cancel the command's token, so the local control plane and the operator
// host shut down gracefully. System.CommandLine 2.0.0 ships this off (its default is null,
// dotnet/command-line-api#2739), and the ASP.NET Core hosts inside would otherwise swallow SIGTERM.
InvocationConfiguration invocation = new() { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) };
return await DevCommand.CreateRoot().Parse(args).InvokeAsync(invocation);
