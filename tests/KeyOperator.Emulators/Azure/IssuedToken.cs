// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Emulators.Azure;

/// <summary>An access token the Entra ID emulator issued: whom to, for which resource, until when.</summary>
/// <param name="TenantId">The tenant it was issued in.</param>
/// <param name="ClientId">The client (application) it was issued to.</param>
/// <param name="Audience">The resource of the requested scope (<c>https://vault.azure.net</c> for <c>https://vault.azure.net/.default</c>).</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
internal sealed record IssuedToken(string TenantId, string ClientId, string Audience, DateTimeOffset ExpiresAt);
