// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers.Binary;
using System.Text;

namespace KeyOperator.Hsm;

/// <summary>
/// The HKDF info of one key version: a fixed label, then namespace, name, UID and format, each as a 2-byte big-endian
/// length and UTF-8, then the version as 4 bytes big-endian. Length prefixes make the encoding injective: no two
/// different tuples ("a","bc") and ("ab","c") share an info, so no two keys share a value. The UID makes an ApiKey
/// deleted and created again under the same name a different key.
/// </summary>
public static class HsmDerivationContext
{
    /// <summary>The label at the start of every info; changing the scheme means changing it.</summary>
    public const string Label = "keyoperator.io/hsm-derive/v1";

    /// <summary>Encodes the info.</summary>
    public static byte[] Encode(string @namespace, string name, string uid, string format, int version)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(uid);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.ASCII.GetBytes(Label));
        buffer.WriteByte(0);
        Span<byte> length = stackalloc byte[2];
        foreach (string part in (ReadOnlySpan<string>)[@namespace, name, uid, format])
        {
            byte[] bytes = Encoding.UTF8.GetBytes(part);
            BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)bytes.Length));
            buffer.Write(length);
            buffer.Write(bytes);
        }

        Span<byte> versionBytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(versionBytes, version);
        buffer.Write(versionBytes);
        return buffer.ToArray();
    }
}
