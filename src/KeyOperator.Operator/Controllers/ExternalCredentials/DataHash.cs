// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography;
using System.Text;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>
/// The status's fingerprint of the synced data: HMAC-SHA256 over the sorted keys and values, keyed by the target
/// Secret's UID. Who can read the ExternalCredential but not the Secret does not know the key, so a low-entropy value
/// cannot be confirmed by guessing; a recreated Secret (new UID) counts as changed, which it is for its consumers.
/// </summary>
internal static class DataHash
{
    public const string Prefix = "hmac-sha256:";

    public static string Compute(string? secretUid, IReadOnlyDictionary<string, byte[]> data, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(data);
        using IncrementalHash hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secretUid ?? string.Empty));
        Span<byte> length = stackalloc byte[4];
        foreach (string key in keys.Order(StringComparer.Ordinal))
        {
            byte[] value = data.TryGetValue(key, out byte[]? v) ? v : [];
            // Length-prefixed, so key/value boundaries cannot be shifted to collide.
            byte[] name = Encoding.UTF8.GetBytes(key);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, name.Length);
            hmac.AppendData(length);
            hmac.AppendData(name);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, value.Length);
            hmac.AppendData(length);
            hmac.AppendData(value);
        }

        return Prefix + Convert.ToHexStringLower(hmac.GetHashAndReset());
    }
}
