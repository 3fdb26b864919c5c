// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Security.Cryptography.X509Certificates;

namespace KeyOperator.Kubernetes.Authentication;

/// <summary>The status part of a plugin's ExecCredential: a token or a client certificate, and its expiry.</summary>
internal sealed record ExecCredential(string? Token, X509Certificate2? ClientCertificate, DateTimeOffset? ExpiresAt);
