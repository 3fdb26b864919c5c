// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Nodes;
using KeyOperator.ApiMachinery.Resources;

namespace KeyOperator.ControlPlane.Api;

/// <summary>A stored object as one API version presents it: all versions share one storage form, and only events
/// differ in layout.</summary>
internal static class ObjectViews
{
    /// <summary>A copy of a stored object as the requested version presents it (what responses and watch events carry).</summary>
    public static JsonObject Present(ResourceDescriptor descriptor, JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        EventConversion.ToLayoutOf(descriptor, copy);
        copy["apiVersion"] = descriptor.GroupVersion;
        return copy;
    }

    /// <summary>The stored object in the layout the request's API uses: the stored instance itself unless it is an
    /// event, so that writes compare against (and patch) what the client sees.</summary>
    public static JsonObject View(ResourceDescriptor descriptor, JsonObject stored)
    {
        if (!EventConversion.IsEventsV1(descriptor) && !EventConversion.IsCoreEvents(descriptor))
        {
            return stored;
        }

        var view = stored.DeepClone().AsObject();
        EventConversion.ToLayoutOf(descriptor, view);
        view["apiVersion"] = descriptor.GroupVersion;
        return view;
    }
}
