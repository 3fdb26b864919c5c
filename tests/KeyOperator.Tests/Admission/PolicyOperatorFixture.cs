// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Tests.Infrastructure;

namespace KeyOperator.Tests.Admission;

/// <summary>The dev environment with a cluster policy, as <c>key-operator-local --policy-file</c> runs it.</summary>
public sealed class PolicyOperatorFixture : OperatorFixture
{
    protected override string? PolicyYaml => """
        minTokenEntropyBits: 192
        minRsaBits: 3072
        minHmacBytes: 32
        maxRotationInterval: 2160h
        minGracePeriod: 1h
        allowedFormats: [token, hmac, rsa, ecdsa]
        requireRotation:
          namespaceSelector:
            matchLabels:
              environment: production
        """;
}
