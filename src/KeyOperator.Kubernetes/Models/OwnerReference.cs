// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Kubernetes.Models;

/// <summary>meta/v1 OwnerReference: points a dependent at its owner, by name and uid, in the same namespace.</summary>
public sealed record OwnerReference
{
    /// <summary>API version of the owner.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>Kind of the owner.</summary>
    public required string Kind { get; init; }

    /// <summary>Name of the owner.</summary>
    public required string Name { get; init; }

    /// <summary>Uid of the owner; a reference to a recreated owner of the same name does not match.</summary>
    public required string Uid { get; init; }

    /// <summary>True for the one managing controller of the dependent.</summary>
    public bool? Controller { get; init; }

    /// <summary>With foreground deletion, the owner waits for this dependent to go first.</summary>
    public bool? BlockOwnerDeletion { get; init; }
}
