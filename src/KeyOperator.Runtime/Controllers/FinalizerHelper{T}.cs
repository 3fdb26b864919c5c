// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;

namespace KeyOperator.Runtime.Controllers;

/// <summary>
/// The finalizer protocol around a reconcile (kubernetes docs concepts/overview/working-with-objects/finalizers.md):
/// the finalizer is added before any side effect, a deleting object only gets cleanup and never new work, and the
/// finalizer is removed only after cleanup succeeded, and only our own key.
/// </summary>
/// <typeparam name="T">The object type.</typeparam>
/// <param name="finalizer">Our finalizer key, for example "keyoperator.io/revoke-keys".</param>
/// <param name="accessor">Reads deletionTimestamp and finalizers.</param>
/// <param name="patcher">Writes the finalizer key.</param>
public sealed class FinalizerHelper<T>(string finalizer, IObjectAccessor<T> accessor, IFinalizerPatcher<T> patcher)
    where T : class
{
    /// <summary>Our finalizer key.</summary>
    public string Finalizer { get; } = finalizer;

    /// <summary>
    /// Runs <paramref name="cleanup"/> for a deleting object that still has our finalizer (then removes it on
    /// <see cref="ReconcileResult.Done"/>), returns Done for a deleting object without it, and otherwise ensures the
    /// finalizer is present before running <paramref name="reconcile"/> on the updated object.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(
        T obj,
        Func<T, CancellationToken, Task<ReconcileResult>> reconcile,
        Func<T, CancellationToken, Task<ReconcileResult>> cleanup,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(reconcile);
        ArgumentNullException.ThrowIfNull(cleanup);
        var hasFinalizer = accessor.GetFinalizers(obj)?.Contains(Finalizer, StringComparer.Ordinal) == true;
        if (accessor.GetDeletionTimestamp(obj) is not null)
        {
            if (!hasFinalizer)
            {
                return ReconcileResult.Done;
            }

            var result = await cleanup(obj, cancellationToken).ConfigureAwait(false);
            if (result.Outcome == ReconcileOutcome.Done)
            {
                await patcher.RemoveFinalizerAsync(obj, Finalizer, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }

        if (!hasFinalizer)
        {
            obj = await patcher.AddFinalizerAsync(obj, Finalizer, cancellationToken).ConfigureAwait(false);
        }

        return await reconcile(obj, cancellationToken).ConfigureAwait(false);
    }
}
