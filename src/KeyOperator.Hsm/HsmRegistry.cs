// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace KeyOperator.Hsm;

/// <summary>
/// The configured HSMs, each with its own session pool, opened on first use (an HSM that is down costs nothing until an
/// ApiKey needs it, and never blocks start-up or /readyz). The only modules ever loaded are the configured ones.
/// </summary>
public sealed partial class HsmRegistry : IDisposable
{
    /// <summary>Bytes of one HMAC-SHA256 block.</summary>
    public const int BlockBytes = 32;

    /// <summary>Longest derivation HKDF-Expand allows: 255 blocks.</summary>
    public const int MaxDerivedBytes = 255 * BlockBytes;

    /// <summary>Size of a master key <see cref="CreateMasterKeyAsync"/> makes by default.</summary>
    public const int DefaultMasterKeyBytes = 32;

    private readonly Dictionary<string, HsmSessionPool> _pools;

    /// <summary>Creates the registry; nothing is loaded until the first operation on an HSM.</summary>
    /// <param name="hsms">The configured HSMs; names must be unique.</param>
    /// <param name="pins">Where each token's PIN comes from.</param>
    /// <param name="metrics">The operation metrics.</param>
    /// <param name="time">The clock for durations.</param>
    /// <param name="logger">The logger.</param>
    public HsmRegistry(IEnumerable<HsmModuleConfig> hsms, IHsmPinSource pins, HsmMetrics metrics, TimeProvider time, ILogger<HsmRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(hsms);
        ArgumentNullException.ThrowIfNull(pins);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _pools = new Dictionary<string, HsmSessionPool>(StringComparer.Ordinal);
        foreach (HsmModuleConfig hsm in hsms)
        {
            _pools.Add(hsm.Name, new HsmSessionPool(hsm, pins, metrics, time, logger));
        }
    }

    /// <summary>Names of the configured HSMs.</summary>
    public IReadOnlyCollection<string> Names => _pools.Keys;

    /// <summary>
    /// HKDF-Expand (RFC 5869 section 2.3) of <paramref name="info"/> to <paramref name="length"/> bytes with the
    /// master key labelled <paramref name="masterKeyLabel"/> as PRK: T(i) = HMAC-SHA256(master, T(i-1) | info | i),
    /// every HMAC computed inside the HSM (CKM_SHA256_HMAC); only the output leaves it. Equal inputs give equal bytes,
    /// and a longer <paramref name="length"/> extends a shorter result (the blocks do not depend on it).
    /// </summary>
    /// <returns>The derived bytes; the caller clears them.</returns>
    /// <exception cref="HsmException">Not configured, unavailable, or the master key is missing.</exception>
    public Task<byte[]> DeriveAsync(string hsm, string masterKeyLabel, byte[] info, int length, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(masterKeyLabel);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaxDerivedBytes);
        HsmSessionPool pool = Pool(hsm);
        return pool.ExecuteAsync("derive", lease =>
        {
            IObjectHandle master = pool.FindByLabel(lease, CKO.CKO_SECRET_KEY, masterKeyLabel);
            return HkdfExpand(data => Sign(lease.Session, master, data), info, length);
        }, cancellationToken);
    }

    /// <summary>
    /// Generates a master key inside the HSM: a token object of type generic secret, CKA_SENSITIVE true,
    /// CKA_EXTRACTABLE false, CKA_SIGN and CKA_VERIFY true and every other use false, CKA_PRIVATE true. Refuses when the label is taken.
    /// </summary>
    /// <exception cref="HsmException">Unavailable, or an object of that label exists.</exception>
    public Task CreateMasterKeyAsync(string hsm, string label, int bytes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, BlockBytes);
        HsmSessionPool pool = Pool(hsm);
        return pool.ExecuteAsync("create_master", lease =>
        {
            var attributes = Pkcs11ModuleCache.Factories.ObjectAttributeFactory;
            if (lease.Session.FindAllObjects([attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), attributes.Create(CKA.CKA_LABEL, label)]).Count > 0)
            {
                throw new HsmException(HsmFailure.Unavailable, null, $"HSM \"{hsm}\": a secret key labelled \"{label}\" exists already; it is left as it is");
            }

            IMechanism mechanism = Pkcs11ModuleCache.Factories.MechanismFactory.Create(CKM.CKM_GENERIC_SECRET_KEY_GEN);
            lease.Session.GenerateKey(mechanism,
            [
                attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_GENERIC_SECRET),
                attributes.Create(CKA.CKA_TOKEN, true),
                attributes.Create(CKA.CKA_PRIVATE, true),
                attributes.Create(CKA.CKA_SENSITIVE, true),
                attributes.Create(CKA.CKA_EXTRACTABLE, false),
                attributes.Create(CKA.CKA_SIGN, true),
                attributes.Create(CKA.CKA_VERIFY, true),

                // Only HMAC: SoftHSM (like many modules) turns every other use on unless told otherwise.
                attributes.Create(CKA.CKA_ENCRYPT, false),
                attributes.Create(CKA.CKA_DECRYPT, false),
                attributes.Create(CKA.CKA_WRAP, false),
                attributes.Create(CKA.CKA_UNWRAP, false),
                attributes.Create(CKA.CKA_DERIVE, false),
                attributes.Create(CKA.CKA_VALUE_LEN, (ulong)bytes),
                attributes.Create(CKA.CKA_LABEL, label),
            ]);
            return true;
        }, cancellationToken);
    }

    /// <summary>Whether the token holds a secret key labelled <paramref name="label"/>.</summary>
    public Task<bool> HasSecretKeyAsync(string hsm, string label, CancellationToken cancellationToken)
    {
        HsmSessionPool pool = Pool(hsm);
        return pool.ExecuteAsync("find_key", lease =>
        {
            try
            {
                pool.FindByLabel(lease, CKO.CKO_SECRET_KEY, label);
                return true;
            }
            catch (HsmException ex) when (ex.Failure == HsmFailure.KeyMissing)
            {
                return false;
            }
        }, cancellationToken);
    }

    /// <summary>Closes every session and releases the modules.</summary>
    public void Dispose()
    {
        foreach (HsmSessionPool pool in _pools.Values)
        {
            pool.Dispose();
        }
    }

    /// <summary>
    /// Imports known key bytes as a generic secret (for known-answer tests and the benchmark only: a real master never
    /// exists outside the HSM). Sensitive and not extractable once imported.
    /// </summary>
    internal Task ImportSecretKeyAsync(string hsm, string label, byte[] value, bool token, CancellationToken cancellationToken)
    {
        HsmSessionPool pool = Pool(hsm);
        return pool.ExecuteAsync("import_key", lease =>
        {
            var attributes = Pkcs11ModuleCache.Factories.ObjectAttributeFactory;
            lease.Session.CreateObject(
            [
                attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_GENERIC_SECRET),
                attributes.Create(CKA.CKA_TOKEN, token),
                attributes.Create(CKA.CKA_PRIVATE, true),
                attributes.Create(CKA.CKA_SENSITIVE, true),
                attributes.Create(CKA.CKA_EXTRACTABLE, false),
                attributes.Create(CKA.CKA_SIGN, true),
                attributes.Create(CKA.CKA_VALUE, value),
                attributes.Create(CKA.CKA_LABEL, label),
            ]);
            return true;
        }, cancellationToken);
    }

    /// <summary>One HMAC-SHA256 inside the HSM (known-answer tests).</summary>
    internal Task<byte[]> HmacAsync(string hsm, string label, byte[] data, CancellationToken cancellationToken)
    {
        HsmSessionPool pool = Pool(hsm);
        return pool.ExecuteAsync("hmac", lease => Sign(lease.Session, pool.FindByLabel(lease, CKO.CKO_SECRET_KEY, label), data), cancellationToken);
    }

    /// <summary>Destroys every secret key labelled <paramref name="label"/> (tests).</summary>
    internal Task DestroySecretKeysAsync(string hsm, string label, CancellationToken cancellationToken)
    {
        HsmSessionPool pool = Pool(hsm);
        return pool.ExecuteAsync("destroy_key", lease =>
        {
            var attributes = Pkcs11ModuleCache.Factories.ObjectAttributeFactory;
            foreach (IObjectHandle handle in lease.Session.FindAllObjects([attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), attributes.Create(CKA.CKA_LABEL, label)]))
            {
                lease.Session.DestroyObject(handle);
            }

            pool.Forget(CKO.CKO_SECRET_KEY, label);
            return true;
        }, cancellationToken);
    }

    internal HsmSessionPool Pool(string hsm)
    {
        ArgumentNullException.ThrowIfNull(hsm);
        return _pools.TryGetValue(hsm, out HsmSessionPool? pool)
            ? pool
            : throw new HsmException(HsmFailure.NotConfigured, null, $"no HSM named \"{hsm}\" is configured");
    }

    /// <summary>HKDF-Expand over a MAC; the software reference of the test is the same function over HMACSHA256.</summary>
    internal static byte[] HkdfExpand(Func<byte[], byte[]> mac, ReadOnlySpan<byte> info, int length)
    {
        var output = new byte[length];
        byte[] previous = [];
        var input = new byte[BlockBytes + info.Length + 1];
        try
        {
            for (int block = 1, written = 0; written < length; block++)
            {
                previous.CopyTo(input, 0);
                info.CopyTo(input.AsSpan(previous.Length));
                input[previous.Length + info.Length] = (byte)block;
                byte[] t = mac(input[..(previous.Length + info.Length + 1)]);
                int take = Math.Min(t.Length, length - written);
                t.AsSpan(0, take).CopyTo(output.AsSpan(written));
                written += take;
                CryptographicOperations.ZeroMemory(previous);
                previous = t;
            }

            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(previous);
            CryptographicOperations.ZeroMemory(input);
        }
    }

    private static byte[] Sign(ISession session, IObjectHandle key, byte[] data) =>
        session.Sign(Pkcs11ModuleCache.Factories.MechanismFactory.Create(CKM.CKM_SHA256_HMAC), key, data);
}
