// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace KeyOperator.Hsm;

/// <summary>Key pairs generated and kept inside the HSM; only public halves leave it.</summary>
public sealed partial class HsmRegistry
{
    // DER OIDs for CKA_EC_PARAMS (namedCurve): secp256r1 1.2.840.10045.3.1.7, secp384r1 1.3.132.0.34.
    private static readonly byte[] P256Oid = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    private static readonly byte[] P384Oid = [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22];
    private static readonly byte[] Rsa65537 = [0x01, 0x00, 0x01];

    /// <summary>
    /// The key pair labelled <paramref name="label"/>, generated inside the HSM if the token has none (CKA_TOKEN true;
    /// the private key CKA_SENSITIVE, not CKA_EXTRACTABLE, sign only; a random CKA_ID shared by both halves). Looking
    /// up first is what makes this safe to repeat: a crash after C_GenerateKeyPair but before the caller recorded the
    /// pair finds the same pair the next time instead of making a second one. The public key is always read back from
    /// the token, so a lost Secret is restored with the same public key.
    /// </summary>
    /// <exception cref="HsmException">Unavailable, or the token holds half a pair or several with the label.</exception>
    public Task<HsmKeyPair> EnsureKeyPairAsync(string hsm, string label, HsmKeyPairType type, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        HsmSessionPool pool = Pool(hsm);
        return pool.ExecuteAsync("ensure_key_pair", lease =>
            FindPair(pool, lease.Session, label) ?? GeneratePair(pool, lease.Session, label, type), cancellationToken);
    }

    /// <summary>The key pair labelled <paramref name="label"/>, or null when the token has none.</summary>
    public Task<HsmKeyPair?> FindKeyPairAsync(string hsm, string label, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        HsmSessionPool pool = Pool(hsm);
        return pool.ExecuteAsync("find_key_pair", lease => FindPair(pool, lease.Session, label), cancellationToken);
    }

    /// <summary>Destroys both halves of every key pair labelled <paramref name="label"/> (C_DestroyObject); none is fine.</summary>
    /// <returns>How many objects were destroyed.</returns>
    public Task<int> DestroyKeyPairAsync(string hsm, string label, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        HsmSessionPool pool = Pool(hsm);
        return pool.ExecuteAsync("destroy_key_pair", lease =>
        {
            RequireLogin(lease.Session);
            int destroyed = 0;
            foreach (CKO objectClass in (ReadOnlySpan<CKO>)[CKO.CKO_PRIVATE_KEY, CKO.CKO_PUBLIC_KEY])
            {
                foreach (IObjectHandle handle in Find(lease.Session, objectClass, label))
                {
                    lease.Session.DestroyObject(handle);
                    destroyed++;
                }
            }

            return destroyed;
        }, cancellationToken);
    }

    /// <summary>Labels of the key-pair objects whose label starts with <paramref name="prefix"/> (a finalizer's view of one ApiKey).</summary>
    public Task<IReadOnlyList<string>> ListKeyPairLabelsAsync(string hsm, string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        HsmSessionPool pool = Pool(hsm);
        return pool.ExecuteAsync<IReadOnlyList<string>>("list_key_pairs", lease =>
        {
            RequireLogin(lease.Session);
            var labels = new SortedSet<string>(StringComparer.Ordinal);
            var factory = Pkcs11ModuleCache.Factories.ObjectAttributeFactory;
            foreach (CKO objectClass in (ReadOnlySpan<CKO>)[CKO.CKO_PRIVATE_KEY, CKO.CKO_PUBLIC_KEY])
            {
                foreach (IObjectHandle handle in lease.Session.FindAllObjects([factory.Create(CKA.CKA_CLASS, objectClass)]))
                {
                    string label = lease.Session.GetAttributeValue(handle, [CKA.CKA_LABEL])[0].GetValueAsString() ?? string.Empty;
                    if (label.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        labels.Add(label);
                    }
                }
            }

            return [.. labels];
        }, cancellationToken);
    }

    // Logged out behind the pool's back, a token hides its private objects without an error: a lookup would then
    // generate a second pair, and a sweep or a finalizer would destroy only public halves. Recover as from a lost login.
    private static void RequireLogin(ISession session)
    {
        if (session.GetSessionInfo().State is not (CKS.CKS_RO_USER_FUNCTIONS or CKS.CKS_RW_USER_FUNCTIONS))
        {
            throw new Pkcs11Exception("C_GetSessionInfo", CKR.CKR_USER_NOT_LOGGED_IN);
        }
    }

    private static List<IObjectHandle> Find(ISession session, CKO objectClass, string label)
    {
        var factory = Pkcs11ModuleCache.Factories.ObjectAttributeFactory;
        return session.FindAllObjects([factory.Create(CKA.CKA_CLASS, objectClass), factory.Create(CKA.CKA_LABEL, label)]);
    }

    private static HsmKeyPair? FindPair(HsmSessionPool pool, ISession session, string label)
    {
        RequireLogin(session);
        List<IObjectHandle> privates = Find(session, CKO.CKO_PRIVATE_KEY, label);
        List<IObjectHandle> publics = Find(session, CKO.CKO_PUBLIC_KEY, label);
        if (privates.Count == 0 && publics.Count == 0)
        {
            return null;
        }

        if (privates.Count != 1 || publics.Count != 1)
        {
            // Never repaired automatically: the public half may already be published, and guessing wrong loses a key.
            throw new HsmException(HsmFailure.Unavailable, null, $"HSM \"{pool.Name}\": token \"{pool.TokenLabel}\" has {privates.Count} private and {publics.Count} public keys labelled \"{label}\"; expected one pair");
        }

        return ReadPublic(pool, session, publics[0], label);
    }

    private static HsmKeyPair GeneratePair(HsmSessionPool pool, ISession session, string label, HsmKeyPairType type)
    {
        var factory = Pkcs11ModuleCache.Factories.ObjectAttributeFactory;
        byte[] id = RandomNumberGenerator.GetBytes(16);
        bool ec = type is HsmKeyPairType.EcP256 or HsmKeyPairType.EcP384;
        List<IObjectAttribute> publicTemplate =
        [
            factory.Create(CKA.CKA_TOKEN, true),
            factory.Create(CKA.CKA_PRIVATE, false),
            factory.Create(CKA.CKA_VERIFY, true),
            factory.Create(CKA.CKA_ENCRYPT, false),
            factory.Create(CKA.CKA_WRAP, false),
            factory.Create(CKA.CKA_LABEL, label),
            factory.Create(CKA.CKA_ID, id),
        ];
        if (ec)
        {
            publicTemplate.Add(factory.Create(CKA.CKA_EC_PARAMS, type == HsmKeyPairType.EcP256 ? P256Oid : P384Oid));
        }
        else
        {
            publicTemplate.Add(factory.Create(CKA.CKA_MODULUS_BITS, (ulong)RsaBits(type)));
            publicTemplate.Add(factory.Create(CKA.CKA_PUBLIC_EXPONENT, Rsa65537));
        }

        List<IObjectAttribute> privateTemplate =
        [
            factory.Create(CKA.CKA_TOKEN, true),
            factory.Create(CKA.CKA_PRIVATE, true),
            factory.Create(CKA.CKA_SENSITIVE, true),
            factory.Create(CKA.CKA_EXTRACTABLE, false),
            factory.Create(CKA.CKA_SIGN, true),

            // Signing only: SoftHSM (like many modules) turns the other uses on unless told otherwise.
            factory.Create(CKA.CKA_DECRYPT, false),
            factory.Create(CKA.CKA_UNWRAP, false),
            factory.Create(CKA.CKA_DERIVE, false),
            factory.Create(CKA.CKA_LABEL, label),
            factory.Create(CKA.CKA_ID, id),
        ];
        IMechanism mechanism = Pkcs11ModuleCache.Factories.MechanismFactory.Create(ec ? CKM.CKM_EC_KEY_PAIR_GEN : CKM.CKM_RSA_PKCS_KEY_PAIR_GEN);
        session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out IObjectHandle publicKey, out _);
        return ReadPublic(pool, session, publicKey, label);
    }

    private static HsmKeyPair ReadPublic(HsmSessionPool pool, ISession session, IObjectHandle publicKey, string label)
    {
        List<IObjectAttribute> head = session.GetAttributeValue(publicKey, [CKA.CKA_KEY_TYPE, CKA.CKA_ID]);
        byte[] id = head[1].GetValueAsByteArray() ?? [];
        HsmKeyPairType type;
        byte[] spki;
        if ((CKK)head[0].GetValueAsUlong() == CKK.CKK_EC)
        {
            List<IObjectAttribute> ec = session.GetAttributeValue(publicKey, [CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT]);
            byte[] oid = ec[0].GetValueAsByteArray();
            (type, ECCurve curve, int size) = oid.AsSpan().SequenceEqual(P256Oid) ? (HsmKeyPairType.EcP256, ECCurve.NamedCurves.nistP256, 32)
                : oid.AsSpan().SequenceEqual(P384Oid) ? (HsmKeyPairType.EcP384, ECCurve.NamedCurves.nistP384, 48)
                : throw new HsmException(HsmFailure.Unavailable, null, $"HSM \"{pool.Name}\": the key pair \"{label}\" is on a curve other than P-256 and P-384");
            byte[] point = UncompressedPoint(ec[1].GetValueAsByteArray(), size);
            using ECDsa key = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = point[1..(1 + size)], Y = point[(1 + size)..] } });
            spki = key.ExportSubjectPublicKeyInfo();
        }
        else
        {
            List<IObjectAttribute> rsa = session.GetAttributeValue(publicKey, [CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT]);
            byte[] modulus = rsa[0].GetValueAsByteArray();
            using RSA key = RSA.Create(new RSAParameters { Modulus = modulus, Exponent = rsa[1].GetValueAsByteArray() });
            type = key.KeySize switch
            {
                2048 => HsmKeyPairType.Rsa2048,
                3072 => HsmKeyPairType.Rsa3072,
                4096 => HsmKeyPairType.Rsa4096,
                _ => throw new HsmException(HsmFailure.Unavailable, null, $"HSM \"{pool.Name}\": the key pair \"{label}\" has an RSA modulus of {key.KeySize} bits"),
            };
            spki = key.ExportSubjectPublicKeyInfo();
        }

        return new HsmKeyPair(label, id, type, spki, Pkcs11Uri.ForPrivateKey(pool.TokenLabel, label, id));
    }

    // PKCS#11 2.40 says CKA_EC_POINT is a DER OCTET STRING around the point; some modules give the bare point.
    private static byte[] UncompressedPoint(byte[] value, int size)
    {
        int length = 1 + (2 * size);
        if (value.Length == length && value[0] == 0x04)
        {
            return value;
        }

        if (value.Length == length + 2 && value[0] == 0x04 && value[1] == length && value[2] == 0x04)
        {
            return value[2..];
        }

        throw new HsmException(HsmFailure.Unavailable, null, "the HSM returned a CKA_EC_POINT that is not an uncompressed point");
    }

    private static int RsaBits(HsmKeyPairType type) => type switch
    {
        HsmKeyPairType.Rsa2048 => 2048,
        HsmKeyPairType.Rsa3072 => 3072,
        HsmKeyPairType.Rsa4096 => 4096,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an RSA key pair type"),
    };
}
