// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Hsm;

/// <summary>
/// Where a token's user PIN comes from (the operator reads it from a Secret in its own namespace). Asked once per
/// login, not per operation: the pool logs in once per token and asks again only after the login was lost.
/// </summary>
public interface IHsmPinSource
{
    /// <summary>The user PIN of <paramref name="hsm"/>'s token as bytes; the caller clears the buffer after the login.</summary>
    /// <param name="hsm">The configured HSM name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="HsmException">The PIN cannot be read; the message must not contain it.</exception>
    ValueTask<byte[]> GetPinAsync(string hsm, CancellationToken cancellationToken);
}
