// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Vault;

/// <summary>One request the Vault emulator answered (see <see cref="VaultEmulator.RequestLog"/>).</summary>
/// <param name="At">When it arrived, on the emulator's clock.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path after <c>/v1/</c>, without a trailing slash.</param>
/// <param name="Status">The status code answered (for a connection closed without an answer, the unsent default 200).</param>
public sealed record VaultRequestRecord(DateTimeOffset At, string Method, string Path, int Status);
