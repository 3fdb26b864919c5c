// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;

namespace KeyOperator.Kubernetes.Serialization;

/// <summary>
/// meta/v1 Time on the wire: RFC 3339 in UTC at second precision (<c>2008-01-01T01:01:01Z</c>), as apimachinery's
/// <c>Time.MarshalJSON</c> writes it. Reading accepts any RFC 3339 value, including fractional seconds.
/// </summary>
public sealed class KubernetesTimeConverter : Rfc3339Converter
{
    private protected override string WireType => "timestamp";

    private protected override string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
