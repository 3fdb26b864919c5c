// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Providers.Aws;

/// <summary>Web identity (IRSA): STS AssumeRoleWithWebIdentity with a ServiceAccount token (audience <c>sts.amazonaws.com</c>) and the connection's role.</summary>
/// <param name="Tokens">Issues the ServiceAccount tokens.</param>
public sealed record AwsWebIdentity(IWorkloadTokenSource Tokens) : AwsAuth
{
    /// <inheritdoc />
    public override string Identity => "web-identity:" + Tokens.Identity;
}
