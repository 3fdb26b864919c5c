// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.Operator.Admission.Policy;

/// <summary>
/// Cluster-wide rules the CRD schema cannot express. Every limit is optional; an absent limit is not enforced.
/// Durations keep the text from the policy file so denials quote the operator's own words.
/// </summary>
internal sealed record AdmissionPolicy
{
    /// <summary>The policy used when no policy file is given: nothing beyond the schema and the structural rules.</summary>
    public static AdmissionPolicy Empty { get; } = new();

    public int? MinTokenEntropyBits { get; init; }

    public int? MinHmacBytes { get; init; }

    public int? MinRsaBits { get; init; }

    /// <summary>Format names as they appear in the spec (token, hmac, rsa, ecdsa, basicAuth); null allows all.</summary>
    public IReadOnlyList<string>? AllowedFormats { get; init; }

    public PolicyDuration? MaxRotationInterval { get; init; }

    public PolicyDuration? MinGracePeriod { get; init; }

    public RotationRequirement? RequireRotation { get; init; }

    /// <summary>Whether ExternalCredential store endpoints may be plain http:// (admitted with a warning); false by default.</summary>
    public bool AllowInsecureProviderEndpoints { get; init; }
}
