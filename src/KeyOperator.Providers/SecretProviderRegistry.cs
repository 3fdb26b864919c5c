// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace KeyOperator.Providers;

/// <summary>
/// The shared clients: one authenticated client per <see cref="ProviderConnection.ClientKey"/> (so 1,000
/// ExternalCredentials naming one Vault with one token log in once) and one <see cref="ProviderRateLimiter"/> per
/// <see cref="ProviderConnection.StoreKey"/>. A client unused for <see cref="ProviderOptions.ClientIdleTimeout"/> is
/// dropped (a rotated credential makes a new key, so the old client would otherwise live forever).
/// </summary>
public sealed class SecretProviderRegistry : IDisposable
{
    private static readonly TimeSpan s_sweepEvery = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, Entry> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProviderRateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ISecretProviderFactory> _factories;
    private readonly ProviderMetrics _metrics;
    private readonly ProviderOptions _options;
    private readonly TimeProvider _time;
    private long _lastSweep;

    /// <summary>Creates the registry.</summary>
    /// <param name="factories">One factory per provider.</param>
    /// <param name="metrics">Request metrics.</param>
    /// <param name="options">Limits.</param>
    /// <param name="time">The clock.</param>
    public SecretProviderRegistry(IEnumerable<ISecretProviderFactory> factories, ProviderMetrics metrics, IOptions<ProviderOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(factories);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _factories = [.. factories];
        _metrics = metrics;
        _options = options.Value;
        _time = time;
        _lastSweep = time.GetTimestamp();
    }

    /// <summary>Number of live shared clients (for tests and the benchmark's "logins per cycle").</summary>
    public int ClientCount => _clients.Count;

    /// <summary>The shared client for a connection, created on first use.</summary>
    /// <param name="connection">The resolved connection.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ProviderException">No factory handles the connection, or it is not allowed (InvalidRequest).</exception>
    public ISecretProvider Get(ProviderConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SweepIfDue();
        Entry entry = _clients.GetOrAdd(connection.ClientKey, static (_, state) => new Entry(state.Self.Create(state.Connection)), (Self: this, Connection: connection));
        entry.Touch(_time.GetTimestamp());
        return entry.Client.Value;
    }

    /// <summary>The rate limiter of a store.</summary>
    /// <param name="connection">A connection to the store.</param>
    /// <returns>The limiter.</returns>
    public ProviderRateLimiter Limiter(ProviderConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return _limiters.GetOrAdd(connection.StoreKey, _ => new ProviderRateLimiter(_options.RequestsPerSecond, _options.Burst, _time));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (string key in _clients.Keys)
        {
            if (_clients.TryRemove(key, out Entry? entry))
            {
                entry.Dispose();
            }
        }
    }

    private Lazy<ISecretProvider> Create(ProviderConnection connection) => new(() =>
    {
        ISecretProviderFactory factory = _factories.FirstOrDefault(f => f.CanCreate(connection))
            ?? throw new ProviderException(ProviderFailure.InvalidRequest, $"no client for provider {connection.Provider}");
        ProviderRateLimiter limiter = Limiter(connection);
        HttpClient http = new(new ProviderRequestHandler(connection.Provider, limiter, _metrics, _time) { InnerHandler = ProviderTransport.CreateHandler(connection) })
        {
            Timeout = _options.RequestTimeout,
        };
        return factory.Create(connection, http, limiter);
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    private void SweepIfDue()
    {
        long now = _time.GetTimestamp();
        long last = Interlocked.Read(ref _lastSweep);
        if (_time.GetElapsedTime(last, now) < s_sweepEvery || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (KeyValuePair<string, Entry> pair in _clients)
        {
            if (_time.GetElapsedTime(pair.Value.LastUsed, now) > _options.ClientIdleTimeout && _clients.TryRemove(pair))
            {
                pair.Value.Dispose();
            }
        }
    }

    private sealed class Entry(Lazy<ISecretProvider> client) : IDisposable
    {
        private long _lastUsed;

        public Lazy<ISecretProvider> Client { get; } = client;

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public void Touch(long now) => Interlocked.Exchange(ref _lastUsed, now);

        public void Dispose()
        {
            if (Client.IsValueCreated && Client.Value is IDisposable disposable)
            {
                disposable.Dispose();
            }
        }
    }
}
