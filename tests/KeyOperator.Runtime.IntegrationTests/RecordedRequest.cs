// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Kubernetes;

namespace KeyOperator.Runtime.IntegrationTests;

/// <summary>One HTTP attempt of the client and when it completed (<see cref="TimeProvider.GetTimestamp"/>).</summary>
internal sealed record RecordedRequest(KubernetesRequestMetric Metric, long CompletedAt);
