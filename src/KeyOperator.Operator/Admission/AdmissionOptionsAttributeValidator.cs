// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Admission;

/// <summary>The source-generated half of <see cref="AdmissionOptionsValidator"/>: the port range and the self-managed names.</summary>
[OptionsValidator]
internal sealed partial class AdmissionOptionsAttributeValidator : IValidateOptions<AdmissionOptions>;
