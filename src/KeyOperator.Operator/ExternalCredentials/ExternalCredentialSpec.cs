// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Crds;

namespace KeyOperator.Operator.ExternalCredentials;

/// <summary>Desired state of an ExternalCredential: which store, which values, and the Secret they go to.</summary>
internal sealed record ExternalCredentialSpec
{
    /// <summary>The store to read from.</summary>
    [Required]
    public ExternalProviderSpec? Provider { get; init; }

    /// <summary>How often to read again, as a Go duration (default 1h; 0 syncs once). The operator adds up to 10 % jitter per object and enforces its minimum.</summary>
    [Pattern("^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$|^0$")]
    public string? RefreshInterval { get; init; }

    /// <summary>Keys of the target Secret, one remote value each.</summary>
    [MaxItems(256)]
    public IReadOnlyList<ExternalDataSpec>? Data { get; init; }

    /// <summary>Remote JSON objects whose top-level fields all become keys.</summary>
    [MaxItems(32)]
    public IReadOnlyList<ExternalDataFromSpec>? DataFrom { get; init; }

    /// <summary>The Secret to write.</summary>
    public ExternalTargetSpec? Target { get; init; }

    /// <summary>Workloads in this namespace restarted (rolling) once per change of the Secret's data.</summary>
    [MaxItems(32)]
    public IReadOnlyList<RestartTarget>? RestartTargets { get; init; }
}
