// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;

namespace KeyOperator.Operator.Tests.Controllers.Fakes;

/// <summary>A resourceVersion counter shared by the in-memory stores of one test, as one API server's would be.</summary>
internal sealed class ObjectVersions
{
    private long _next = 100;

    public string Next() => Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
}
