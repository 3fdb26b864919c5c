// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Certificates;

/// <summary>A Secret's data and the resourceVersion it was read at.</summary>
internal sealed record StoredSecret(IReadOnlyDictionary<string, byte[]> Data, string ResourceVersion);
