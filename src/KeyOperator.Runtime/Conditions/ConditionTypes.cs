// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Conditions;

/// <summary>Condition types shared by all our kinds.</summary>
public static class ConditionTypes
{
    /// <summary>The summary condition recommended by the API conventions.</summary>
    public const string Ready = "Ready";
}
