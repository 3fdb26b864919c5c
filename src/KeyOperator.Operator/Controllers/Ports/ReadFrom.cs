// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers.Ports;

/// <summary>Where a read may be served from.</summary>
internal enum ReadFrom
{
    /// <summary>
    /// The informer's copy when it has the object, else the API server (an object we do not own carries no managed
    /// label and is never cached; one we just created may not have arrived yet). For reads where a stale answer can
    /// do no harm: every write sends the resourceVersion it read, so a stale read ends in a 409 and a requeue.
    /// </summary>
    Cache,

    /// <summary>The API server: for the steps of a rotation, which must see their own previous write.</summary>
    Server,
}
