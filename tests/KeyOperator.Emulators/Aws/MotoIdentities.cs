// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Aws;

/// <summary>The IAM identities <see cref="MotoServer"/> creates: access keys per user and the role to assume.</summary>
/// <param name="Admin">A user allowed everything (the tests' own setup calls).</param>
/// <param name="Reader">A user with exactly the minimal policy docs/providers/aws.md publishes.</param>
/// <param name="Nobody">A user without any policy.</param>
/// <param name="Assumer">A user allowed only sts:AssumeRole on <paramref name="RoleArn"/>.</param>
/// <param name="RoleArn">A role with the minimal read policy whose trust policy admits <paramref name="Assumer"/>.</param>
public sealed record MotoIdentities(MotoAccessKey Admin, MotoAccessKey Reader, MotoAccessKey Nobody, MotoAccessKey Assumer, string RoleArn);
