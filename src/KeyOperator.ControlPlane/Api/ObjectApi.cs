// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.ControlPlane.Hooks;
using KeyOperator.ControlPlane.Resources;
using KeyOperator.ControlPlane.Storage;

namespace KeyOperator.ControlPlane.Api;

/// <summary>The registry logic of the control plane – the semantics of the apiserver's generic registry store
/// (<c>k8s.io/apiserver/pkg/registry/generic/registry/store.go</c>) plus the controllers that finish deletions – as
/// the three entry points the HTTP layer calls. See docs/control-plane.md for how the parts fit.</summary>
/// <param name="Reader">get, list and watch.</param>
/// <param name="Writer">create, update, patch and apply.</param>
/// <param name="Deleter">delete and deletecollection.</param>
internal sealed record ObjectApi(ObjectReader Reader, ObjectWriter Writer, DeletePipeline Deleter)
{
    /// <summary>Wires the parts over one store. <paramref name="admission"/> runs in the order given.</summary>
    public static ObjectApi Create(ObjectStore store, ResourceRegistry registry, TimeProvider timeProvider, IReadOnlyList<IAdmissionValidator> admission)
    {
        var clock = new ApiClock(timeProvider);
        var crds = new CrdRegistrar(registry);
        var namespaces = new NamespaceLifecycle(store);
        var remover = new ObjectRemover(store, crds);
        var deletion = new ObjectDeletion(store, remover, clock);
        var collectors = new CollectorLoop(
            store, new NamespaceFinalizer(store, deletion, remover), new CrdCleanupFinalizer(store, deletion), new GarbageCollector(store, deletion, remover));
        var chain = new AdmissionChain(admission);
        var creates = new CreatePreparer(store, namespaces, clock);
        var updates = new UpdatePreparer(clock);
        var writer = new ObjectWriter(
            store, new WritePipeline(store, chain, namespaces, remover, crds, collectors), creates, updates, new PatchPreparer(creates, updates, clock));
        return new ObjectApi(new ObjectReader(store), writer, new DeletePipeline(store, chain, deletion, collectors));
    }
}
