// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using KeyOperator.Runtime.Informers;
using KeyOperator.Runtime.Metrics;
using KeyOperator.Runtime.Queue;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace KeyOperator.Runtime.Controllers;

/// <summary>
/// Turns informer events into reconciles (controller-runtime pkg/internal/controller/controller.go): events of the
/// primary kind enqueue the object's key; events of owned kinds enqueue their controlling owner; N workers take
/// keys from a rate-limited queue, so one key is never reconciled twice at once.
/// </summary>
/// <typeparam name="T">The primary object type.</typeparam>
public sealed partial class Controller<T> : IController
    where T : class
{
    private readonly List<IInformer> _informers = [];
    private readonly ControllerOptions _options;
    private readonly Informer<T> _primary;
    private readonly IReconciler<T> _reconciler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<Exception, bool> _isConflict;
    private readonly ICounter? _success;
    private readonly ICounter? _errorTotal;
    private readonly ICounter? _requeue;
    private readonly ICounter? _requeueAfter;
    private readonly ICounter? _errors;
    private readonly IHistogram? _duration;

    /// <summary>Creates a controller over the primary informer; add owned kinds with <see cref="Owns{TOwned}"/>.</summary>
    /// <param name="options">
    /// Name, kind, workers and queue settings; validated when the host starts if registered with
    /// <see cref="RuntimeServiceCollectionExtensions.AddKeyOperatorController{T}"/>.
    /// </param>
    /// <param name="primary">The informer of the primary kind.</param>
    /// <param name="reconciler">The reconciler.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">Metrics to report to, or null.</param>
    /// <param name="isConflict">Recognises 409 conflicts; by default exceptions implementing <see cref="IConcurrencyConflict"/>.</param>
    public Controller(
        ControllerOptions options,
        Informer<T> primary,
        IReconciler<T> reconciler,
        TimeProvider timeProvider,
        ILogger<Controller<T>> logger,
        OperatorMetrics? metrics = null,
        Func<Exception, bool>? isConflict = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(reconciler);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _primary = primary;
        _reconciler = reconciler;
        _time = timeProvider;
        _logger = logger;
        _isConflict = isConflict ?? (static ex => ex is IConcurrencyConflict);
        var queueOptions = new WorkQueueOptions
        {
            Name = options.Name,
            BaseDelay = options.Queue.BaseDelay,
            MaxDelay = options.Queue.MaxDelay,
            Qps = options.Queue.Qps,
            Burst = options.Queue.Burst,
        };
        Queue = new WorkQueue<QueueKey>(queueOptions, timeProvider, metrics?.ForQueue(options.Name));
        if (metrics is not null)
        {
            _success = metrics.ReconcileTotal.WithLabels(options.Name, "success");
            _errorTotal = metrics.ReconcileTotal.WithLabels(options.Name, "error");
            _requeue = metrics.ReconcileTotal.WithLabels(options.Name, "requeue");
            _requeueAfter = metrics.ReconcileTotal.WithLabels(options.Name, "requeue_after");
            _errors = metrics.ReconcileErrors.WithLabels(options.Name);
            _duration = metrics.ReconcileTime.WithLabels(options.Name);
        }

        _informers.Add(primary);
        primary.AddHandler(new PrimaryHandler(this));
    }

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <summary>The controller's queue; use it to enqueue keys from custom sources.</summary>
    public WorkQueue<QueueKey> Queue { get; }

    /// <summary>
    /// Reconciles the controlling owner when an object of <typeparamref name="TOwned"/> changes: the owner is the
    /// ownerReference with controller=true whose kind and API group match this controller's primary kind.
    /// </summary>
    public Controller<T> Owns<TOwned>(Informer<TOwned> owned)
        where TOwned : class
    {
        ArgumentNullException.ThrowIfNull(owned);
        _informers.Add(owned);
        owned.AddHandler(new MappingHandler<TOwned>(this, obj => OwnerKeys(owned.Accessor, obj)));
        return this;
    }

    /// <summary>Reconciles the keys <paramref name="map"/> returns whenever an object of <typeparamref name="TOther"/> changes.</summary>
    public Controller<T> Watches<TOther>(Informer<TOther> other, Func<TOther, IEnumerable<QueueKey>> map)
        where TOther : class
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(map);
        _informers.Add(other);
        other.AddHandler(new MappingHandler<TOther>(this, map));
        return this;
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // controllers.md: never act before every cache the reconciler reads is synced, or it sees a partial world.
        ControllerLog.WaitingForSync(_logger, Name);
        await Task.WhenAll(_informers.Select(i => i.WaitForSyncAsync(cancellationToken))).ConfigureAwait(false);
        ControllerLog.Started(_logger, Name, _options.Workers);
        var workers = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            Queue.ShutDown();
            ControllerLog.Stopped(_logger, Name);
        }
    }

    private IEnumerable<QueueKey> OwnerKeys<TOwned>(IObjectAccessor<TOwned> accessor, TOwned obj)
    {
        var ns = accessor.GetNamespace(obj);
        foreach (var owner in accessor.GetOwners(obj))
        {
            // Owner references never cross namespaces, so the owner lives in the dependent's namespace.
            if (owner.IsController && string.Equals(owner.Kind, _options.Kind, StringComparison.Ordinal) && SameGroup(owner.ApiVersion, _options.ApiVersion))
            {
                yield return new QueueKey(ns, owner.Name);
            }
        }
    }

    private static bool SameGroup(string a, string b)
    {
        static string Group(string apiVersion) => apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;
        return b.Length == 0 || string.Equals(Group(a), Group(b), StringComparison.Ordinal);
    }
}
