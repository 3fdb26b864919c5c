// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text.Json.Serialization;

namespace KeyOperator.Operator.Admission.Review;

/// <summary>Source-generated JSON for the admission response; kept local so the webhook depends on no other model.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AdmissionReviewResponse))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext
{
}
