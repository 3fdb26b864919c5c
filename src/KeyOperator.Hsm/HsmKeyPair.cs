// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Hsm;

/// <summary>
/// A key pair that lives on an HSM token: only its public half and the coordinates of its private half, never any
/// private material (the private key is sensitive and not extractable).
/// </summary>
/// <param name="Label">CKA_LABEL of both halves.</param>
/// <param name="Id">CKA_ID of both halves, unique per pair.</param>
/// <param name="Type">Curve or modulus size, as read back from the token.</param>
/// <param name="SubjectPublicKeyInfo">The public key as DER SubjectPublicKeyInfo.</param>
/// <param name="Pkcs11Uri">RFC 7512 URI of the private key (token, object label, id, type=private).</param>
public sealed record HsmKeyPair(string Label, byte[] Id, HsmKeyPairType Type, byte[] SubjectPublicKeyInfo, string Pkcs11Uri);
