// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.ComponentModel.DataAnnotations;
using KeyOperator.Runtime.Queue;
using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Controllers;

/// <summary>Settings of one controller.</summary>
public sealed class ControllerOptions
{
    /// <summary>The controller name (metrics label, queue name, logs).</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>The primary kind, for example "ApiKey"; owned objects are mapped to owners of this kind.</summary>
    [Required]
    public string Kind { get; set; } = string.Empty;

    /// <summary>The primary apiVersion, for example "keyoperator.io/v1"; only its group is compared.</summary>
    public string ApiVersion { get; set; } = string.Empty;

    /// <summary>Number of concurrent reconciles (controller-runtime MaxConcurrentReconciles; default 1).</summary>
    [Range(1, 64)]
    public int Workers { get; set; } = 1;

    /// <summary>The work queue's rate limiter settings; its name is replaced by <see cref="Name"/>.</summary>
    [Required]
    [ValidateObjectMembers(typeof(WorkQueueOptionsValidator))]
    public WorkQueueOptions Queue { get; set; } = new();
}
