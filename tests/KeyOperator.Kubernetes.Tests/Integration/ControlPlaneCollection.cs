// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Tests.Integration;

/// <summary>
/// Shares one cluster, external when <c>KEYOP_TEST_KUBECONFIG</c> is set; tests in the collection run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ControlPlaneCollection : ICollectionFixture<ControlPlaneFixture>
{
    public const string Name = "control-plane";
}
