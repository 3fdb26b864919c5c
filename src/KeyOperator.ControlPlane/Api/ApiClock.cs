// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ApiMachinery.Resources;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Patching;

namespace KeyOperator.ControlPlane.Api;

/// <summary>The server's clock as writes see it: metav1.Time stamps from the injected TimeProvider, so tests control
/// creation, deletion and managedFields times.</summary>
internal sealed class ApiClock(TimeProvider timeProvider)
{
    public string Now() => JsonHelpers.FormatTime(timeProvider.GetUtcNow());

    /// <summary>What managedFields and server-side apply need to know about the request, stamped with its own read
    /// of the clock.</summary>
    public WriteContext Context(ResourceDescriptor descriptor, RequestOptions options, string? subresource) => new()
    {
        Descriptor = descriptor,
        FieldManager = options.FieldManager,
        Subresource = subresource,
        Now = Now(),
        Force = options.Force,
    };
}
