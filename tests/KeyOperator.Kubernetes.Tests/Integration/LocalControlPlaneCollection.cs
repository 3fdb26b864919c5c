// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>Shares one local control plane; tests in the collection run one at a time, so fault rules never leak across.</summary>
[CollectionDefinition(Name)]
public sealed class LocalControlPlaneCollection : ICollectionFixture<LocalControlPlaneFixture>
{
    public const string Name = "local-control-plane";
}
