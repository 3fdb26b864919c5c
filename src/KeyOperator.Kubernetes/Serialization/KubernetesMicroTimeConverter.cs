// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;

namespace KeyOperator.Kubernetes.Serialization;

/// <summary>
/// meta/v1 MicroTime on the wire: RFC 3339 in UTC with exactly six fractional digits
/// (<c>2004-01-01T01:01:01.000004Z</c>; apimachinery <c>pkg/apis/meta/v1/micro_time.go</c>, <c>RFC3339Micro</c>).
/// Apply it with <c>[JsonConverter]</c> on MicroTime properties; everything else uses <see cref="KubernetesTimeConverter"/>.
/// </summary>
public sealed class KubernetesMicroTimeConverter : Rfc3339Converter
{
    private protected override string WireType => "MicroTime";

    // Go truncates to microseconds rather than rounding; so do we (a tick is 100 ns).
    private protected override string Format(DateTime utc) =>
        utc.AddTicks(-(utc.Ticks % 10)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
