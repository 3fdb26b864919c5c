// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>The verdict on an ApiKey's Secret, with the version and fingerprint the Secret claims to hold.</summary>
internal sealed record SecretAssessment(SecretVerdict Verdict, int? Version, string? Fingerprint);
