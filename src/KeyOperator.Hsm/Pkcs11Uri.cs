// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;

namespace KeyOperator.Hsm;

/// <summary>RFC 7512 <c>pkcs11:</c> URIs of private keys, as consumers (OpenSSL's pkcs11 provider, p11-kit, pkcs11-tool wrappers) read them.</summary>
public static class Pkcs11Uri
{
    /// <summary><c>pkcs11:token=…;object=…;id=…;type=private</c>; every byte outside RFC 3986 unreserved is %XX-encoded, the id always.</summary>
    public static string ForPrivateKey(string tokenLabel, string label, ReadOnlySpan<byte> id)
    {
        ArgumentNullException.ThrowIfNull(tokenLabel);
        ArgumentNullException.ThrowIfNull(label);
        var uri = new StringBuilder("pkcs11:token=");
        Encode(uri, Encoding.UTF8.GetBytes(tokenLabel), keepUnreserved: true);
        uri.Append(";object=");
        Encode(uri, Encoding.UTF8.GetBytes(label), keepUnreserved: true);
        uri.Append(";id=");
        Encode(uri, id, keepUnreserved: false);
        return uri.Append(";type=private").ToString();
    }

    // "/" and ";" are not path characters in RFC 7512 (pk-char); encoding all but unreserved is always valid.
    private static void Encode(StringBuilder uri, ReadOnlySpan<byte> bytes, bool keepUnreserved)
    {
        foreach (byte b in bytes)
        {
            if (keepUnreserved && (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~'))
            {
                uri.Append((char)b);
            }
            else
            {
                uri.Append('%').Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
