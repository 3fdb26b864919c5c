// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Runtime.Conditions;

/// <summary>The three condition statuses; a missing condition counts as <see cref="Unknown"/>.</summary>
public static class ConditionStatus
{
    /// <summary>"True".</summary>
    public const string True = "True";

    /// <summary>"False".</summary>
    public const string False = "False";

    /// <summary>"Unknown".</summary>
    public const string Unknown = "Unknown";
}
