// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using static KeyOperator.ApiMachinery.Protobuf.ProtoFields;

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>
/// k8s.io/api <c>authentication/v1/generated.proto</c>: TokenRequest, which kubectl 1.32's <c>create token</c> sends
/// as protobuf through its typed client, and TokenReview.
/// </summary>
internal static class AuthenticationV1Messages
{
    public static ProtoMessage BoundObjectReference { get; } = new(
        "BoundObjectReference",
        String(1, "kind"),
        String(2, "apiVersion"),
        String(3, "name"),
        String(4, "uid"));

    public static ProtoMessage TokenRequest { get; } = new(
        "TokenRequest",
        Message(1, "metadata", MetaV1Messages.ObjectMeta),
        Message(2, "spec", new ProtoMessage(
            "TokenRequestSpec",
            Strings(1, "audiences"),
            Int64(4, "expirationSeconds", pointer: true),
            Message(3, "boundObjectRef", BoundObjectReference))),
        Message(3, "status", new ProtoMessage(
            "TokenRequestStatus",
            String(1, "token"),
            Of(2, "expirationTimestamp", ProtoFieldKind.Time))));

    public static ProtoMessage TokenReview { get; } = new(
        "TokenReview",
        Message(1, "metadata", MetaV1Messages.ObjectMeta),
        Message(2, "spec", new ProtoMessage("TokenReviewSpec", String(1, "token"), Strings(2, "audiences"))));
}
