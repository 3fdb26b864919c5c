// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>A duration from the policy file together with the text it was written as.</summary>
internal sealed record PolicyDuration(TimeSpan Value, string Text);
