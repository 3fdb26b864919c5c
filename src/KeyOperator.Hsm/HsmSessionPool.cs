// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace KeyOperator.Hsm;

/// <summary>
/// The sessions of one configured HSM: at most <see cref="HsmModuleConfig.MaxSessions"/> read-write sessions on the
/// token found by label, one login for all of them (PKCS#11 login state belongs to the application and token, not
/// to a session), and object handles cached by label. After a return value that means the sessions or the login are
/// gone (<see cref="CkrNames.IsSessionLost"/>) every pooled session is dropped, the login forgotten and the operation
/// tried once more on a fresh session; a stale handle only empties the handle cache.
/// </summary>
internal sealed partial class HsmSessionPool : IDisposable
{
    private readonly HsmModuleConfig _config;
    private readonly IHsmPinSource _pins;
    private readonly HsmMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sessions;
    private readonly SemaphoreSlim _login = new(1, 1);
    private readonly ConcurrentBag<Lease> _idle = [];
    private readonly ConcurrentDictionary<(CKO Class, string Label), IObjectHandle> _handles = new();
    private readonly Lock _gate = new();
    private IPkcs11Library? _library;
    private ISlot? _slot;
    private int _epoch;
    private bool _loggedIn;
    private byte[]? _rejectedPinDigest;
    private bool _disposed;

    public HsmSessionPool(HsmModuleConfig config, IHsmPinSource pins, HsmMetrics metrics, TimeProvider time, ILogger logger)
    {
        _config = config;
        _pins = pins;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _sessions = new SemaphoreSlim(config.MaxSessions, config.MaxSessions);
    }

    public string Name => _config.Name;

    /// <summary>The label of the token this pool works on (for pkcs11: URIs).</summary>
    public string TokenLabel => _config.TokenLabel;

    /// <summary>Sessions opened and pooled now (tests).</summary>
    internal int IdleSessions => _idle.Count;

    /// <summary>The token's slot, for tests that act behind the pool's back (C_CloseAllSessions).</summary>
    internal ISlot? Slot => _slot;

    /// <summary>
    /// Runs <paramref name="action"/> on a logged-in session and records the metric. The action must be one
    /// self-contained PKCS#11 exchange: after a lost session it runs again from the start.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(string operation, Func<Lease, T> action, CancellationToken cancellationToken)
    {
        long started = _time.GetTimestamp();
        string result = "ok";
        try
        {
            return await ExecuteWithRecoveryAsync(operation, action, cancellationToken).ConfigureAwait(false);
        }
        catch (HsmException ex)
        {
            result = ex.ReturnValue ?? (ex.Failure == HsmFailure.KeyMissing ? "key_missing" : "error");
            throw;
        }
        catch (OperationCanceledException)
        {
            result = "cancelled";
            throw;
        }
        finally
        {
            _metrics.Observe(_config.Name, operation, result, _time.GetElapsedTime(started));
        }
    }

    /// <summary>The handle of the only object of <paramref name="objectClass"/> labelled <paramref name="label"/>, cached.</summary>
    /// <exception cref="HsmException">No such object (<see cref="HsmFailure.KeyMissing"/>), or several.</exception>
    public IObjectHandle FindByLabel(Lease lease, CKO objectClass, string label)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (_handles.TryGetValue((objectClass, label), out IObjectHandle? cached))
        {
            return cached;
        }

        var factory = Pkcs11ModuleCache.Factories.ObjectAttributeFactory;
        List<IObjectHandle> found = lease.Session.FindAllObjects(
        [
            factory.Create(CKA.CKA_CLASS, objectClass),
            factory.Create(CKA.CKA_LABEL, label),
        ]);
        if (found.Count == 0 && !IsLoggedIn(lease.Session))
        {
            // A C_Logout elsewhere in the process hides private objects without any error: recover as from a lost login.
            throw new Pkcs11Exception("C_FindObjects", CKR.CKR_USER_NOT_LOGGED_IN);
        }

        if (found.Count == 0)
        {
            // Not cached: the master may be created at any time, and the next reconcile must see it.
            throw new HsmException(HsmFailure.KeyMissing, null, $"HSM \"{_config.Name}\": token \"{_config.TokenLabel}\" has no {ClassName(objectClass)} labelled \"{label}\"");
        }

        if (found.Count > 1)
        {
            throw new HsmException(HsmFailure.Unavailable, null, $"HSM \"{_config.Name}\": token \"{_config.TokenLabel}\" has {found.Count} objects of class {ClassName(objectClass)} labelled \"{label}\"; labels must be unique");
        }

        _handles[(objectClass, label)] = found[0];
        return found[0];
    }

    /// <summary>Forgets a cached handle (after the object was destroyed).</summary>
    public void Forget(CKO objectClass, string label) => _handles.TryRemove((objectClass, label), out _);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            DrainIdle();
            if (_library is not null)
            {
                _library = null;
                _slot = null;
                Pkcs11ModuleCache.Release(_config.ModulePath);
            }
        }

        _sessions.Dispose();
        _login.Dispose();
    }

    private async Task<T> ExecuteWithRecoveryAsync<T>(string operation, Func<Lease, T> action, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            await _sessions.WaitAsync(cancellationToken).ConfigureAwait(false);
            Lease? lease = null;
            try
            {
                lease = await RentAsync(cancellationToken).ConfigureAwait(false);
                T value = action(lease);
                Return(lease);
                lease = null;
                return value;
            }
            catch (Pkcs11Exception ex) when (attempt == 0 && CkrNames.IsSessionLost(ex.RV))
            {
                Log.SessionLost(_logger, _config.Name, operation, CkrNames.Of(ex.RV));
                Close(lease);
                lease = null;
                Reset(ex.RV);
            }
            catch (Pkcs11Exception ex) when (attempt == 0 && CkrNames.IsHandleStale(ex.RV))
            {
                // A handle of a private object also goes stale when the token was logged out: look up and log in again.
                Return(lease);
                lease = null;
                _handles.Clear();
                Volatile.Write(ref _loggedIn, false);
            }
            catch (Pkcs11Exception ex)
            {
                if (CkrNames.IsSessionLost(ex.RV))
                {
                    Close(lease);
                    Reset(ex.RV);
                }
                else
                {
                    Return(lease);
                }

                lease = null;
                throw HsmException.FromPkcs11(_config.Name, operation, ex);
            }
            catch (HsmException)
            {
                Return(lease);
                lease = null;
                throw;
            }
            finally
            {
                if (lease is not null)
                {
                    // Anything else (an exception of the action itself) leaves the session in an unknown state.
                    Close(lease);
                }

                _sessions.Release();
            }
        }
    }

    private async Task<Lease> RentAsync(CancellationToken cancellationToken)
    {
        int epoch;
        ISlot slot;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            slot = _slot ??= FindSlot();
            epoch = _epoch;
        }

        Lease? lease = null;
        while (_idle.TryTake(out Lease? idle))
        {
            if (idle.Epoch == epoch)
            {
                lease = idle;
                break;
            }

            Close(idle);
        }

        lease ??= new Lease(slot.OpenSession(SessionType.ReadWrite), epoch);
        if (!Volatile.Read(ref _loggedIn))
        {
            try
            {
                await LoginAsync(lease, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Return(lease);
                throw;
            }
        }

        return lease;
    }

    private async Task LoginAsync(Lease lease, CancellationToken cancellationToken)
    {
        await _login.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loggedIn)
            {
                return;
            }

            byte[] pin = await _pins.GetPinAsync(_config.Name, cancellationToken).ConfigureAwait(false);
            try
            {
                byte[] digest = SHA256.HashData(pin);
                if (_rejectedPinDigest is { } rejected && CryptographicOperations.FixedTimeEquals(rejected, digest))
                {
                    // Trying a PIN the token refused again would count towards its lockout; wait for a changed Secret.
                    throw new HsmException(HsmFailure.Unavailable, "CKR_PIN_INCORRECT", $"HSM \"{_config.Name}\": the token refused this PIN before (CKR_PIN_INCORRECT); not trying it again until the PIN Secret changes");
                }

                try
                {
                    lease.Session.Login(CKU.CKU_USER, pin);
                }
                catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
                {
                    // Another application thread (or an earlier pool of this process) logged the token in: that is our login too.
                }
                catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_LOCKED or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE)
                {
                    _rejectedPinDigest = digest;
                    throw;
                }

                _rejectedPinDigest = null;
                _loggedIn = true;
                Log.LoggedIn(_logger, _config.Name, _config.TokenLabel);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pin);
            }
        }
        finally
        {
            _login.Release();
        }
    }

    private ISlot FindSlot()
    {
        _library ??= Pkcs11ModuleCache.Acquire(_config.Name, _config.ModulePath);
        try
        {
            foreach (ISlot slot in _library.GetSlotList(SlotsType.WithTokenPresent))
            {
                // Labels are 32 bytes, space-padded; Pkcs11Interop trims the padding.
                if (string.Equals(slot.GetTokenInfo().Label.TrimEnd(' ', '\0'), _config.TokenLabel, StringComparison.Ordinal))
                {
                    Log.TokenFound(_logger, _config.Name, _config.TokenLabel, slot.SlotId);
                    return slot;
                }
            }
        }
        catch (Pkcs11Exception ex)
        {
            throw HsmException.FromPkcs11(_config.Name, "listing slots", ex);
        }

        throw new HsmException(HsmFailure.Unavailable, "CKR_TOKEN_NOT_PRESENT", $"HSM \"{_config.Name}\": no token labelled \"{_config.TokenLabel}\" in module {_config.ModulePath}");
    }

    private void Reset(CKR cause)
    {
        lock (_gate)
        {
            _epoch++;
            _loggedIn = false;
            _handles.Clear();
            DrainIdle();
            if (cause is CKR.CKR_DEVICE_REMOVED or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_CRYPTOKI_NOT_INITIALIZED)
            {
                // A re-inserted token may sit in another slot: find it by label again.
                _slot = null;
            }
        }
    }

    private void Return(Lease? lease)
    {
        if (lease is null)
        {
            return;
        }

        if (lease.Epoch == Volatile.Read(ref _epoch) && !_disposed)
        {
            _idle.Add(lease);
        }
        else
        {
            Close(lease);
        }
    }

    private void DrainIdle()
    {
        while (_idle.TryTake(out Lease? lease))
        {
            Close(lease);
        }
    }

    private static void Close(Lease? lease)
    {
        if (lease is null)
        {
            return;
        }

        try
        {
            lease.Session.Dispose();
        }
        catch (Pkcs11Exception)
        {
            // Already invalid (closed behind our back, device gone): nothing left to close.
        }
    }

    private static bool IsLoggedIn(ISession session) =>
        session.GetSessionInfo().State is CKS.CKS_RO_USER_FUNCTIONS or CKS.CKS_RW_USER_FUNCTIONS;

    private static string ClassName(CKO objectClass) => objectClass switch
    {
        CKO.CKO_SECRET_KEY => "secret key",
        CKO.CKO_PRIVATE_KEY => "private key",
        CKO.CKO_PUBLIC_KEY => "public key",
        _ => objectClass.ToString(),
    };

    /// <summary>A session rented from the pool, with the pool generation it was opened in.</summary>
    internal sealed class Lease(ISession session, int epoch)
    {
        public ISession Session { get; } = session;

        public int Epoch { get; } = epoch;
    }

    // Event ids 4400-4449 belong to the HSM binding (docs/architecture.md, Log event ids). No PIN or key material is logged.
    private static partial class Log
    {
        [LoggerMessage(4400, LogLevel.Information, "HSM {Hsm}: token {Token} found in slot {Slot}", EventName = "HsmTokenFound")]
        public static partial void TokenFound(ILogger logger, string hsm, string token, ulong slot);

        [LoggerMessage(4401, LogLevel.Information, "HSM {Hsm}: logged in to token {Token}", EventName = "HsmLoggedIn")]
        public static partial void LoggedIn(ILogger logger, string hsm, string token);

        [LoggerMessage(4402, LogLevel.Warning, "HSM {Hsm}: {Operation} lost its session ({ReturnValue}); sessions and login dropped, trying once more", EventName = "HsmSessionLost")]
        public static partial void SessionLost(ILogger logger, string hsm, string operation, string returnValue);
    }
}
