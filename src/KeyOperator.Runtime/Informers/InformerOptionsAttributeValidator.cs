// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Informers;

/// <summary>The source-generated half of <see cref="InformerOptionsValidator"/>: the [Required] and [Range] attributes.</summary>
[OptionsValidator]
internal sealed partial class InformerOptionsAttributeValidator : IValidateOptions<InformerOptions>;
