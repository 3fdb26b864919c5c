// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Tests.Infrastructure;

/// <summary>
/// For tests that need nothing but the Kubernetes API and the operator: they run on the cluster named by
/// <c>KEYOP_TEST_KUBECONFIG</c> when it is set (sharing one operator there), and on a local control plane otherwise.
/// Their classes carry the trait <c>Cluster=Any</c>, so a run against a cluster can select just them.
/// </summary>
public sealed class PortableOperatorFixture : OperatorFixture
{
    protected override bool Portable => true;
}
