// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Queue;

namespace KeyOperator.Runtime.Controllers;

/// <content>Informer handlers that only enqueue keys (controller-runtime handler.EnqueueRequestForObject and EnqueueRequestForOwner).</content>
public sealed partial class Controller<T>
{
    private sealed class PrimaryHandler(Controller<T> controller) : IInformerEventHandler<T>
    {
        public void OnAdd(T obj, bool isInInitialList) => controller.Queue.Add(controller._primary.Cache.KeyOf(obj));

        public void OnUpdate(T oldObj, T newObj) => controller.Queue.Add(controller._primary.Cache.KeyOf(newObj));

        public void OnDelete(T obj, bool finalStateUnknown) => controller.Queue.Add(controller._primary.Cache.KeyOf(obj));
    }

    private sealed class MappingHandler<TOther>(Controller<T> controller, Func<TOther, IEnumerable<QueueKey>> map) : IInformerEventHandler<TOther>
    {
        public void OnAdd(TOther obj, bool isInInitialList) => Enqueue(obj);

        public void OnUpdate(TOther oldObj, TOther newObj)
        {
            // Both states: if the owner reference moved, the old owner must also notice that it lost a dependent.
            Enqueue(oldObj);
            Enqueue(newObj);
        }

        public void OnDelete(TOther obj, bool finalStateUnknown) => Enqueue(obj);

        private void Enqueue(TOther obj)
        {
            foreach (var key in map(obj))
            {
                controller.Queue.Add(key);
            }
        }
    }
}
