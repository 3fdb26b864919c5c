// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ControlPlane.Patching;

/// <summary>One <c>metadata.managedFields</c> entry with its field set parsed.</summary>
internal sealed record ManagedFieldsEntry
{
    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public string? Subresource { get; init; }

    public required string ApiVersion { get; init; }

    public required string Time { get; init; }

    public required HashSet<string> Paths { get; init; }

    public bool IsSameOwner(string manager, string operation, string? subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;
}
