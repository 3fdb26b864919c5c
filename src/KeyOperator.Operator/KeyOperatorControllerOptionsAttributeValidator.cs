// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Operator;

/// <summary>The source-generated half of <see cref="KeyOperatorControllerOptionsValidator"/>: the [Range] attributes.</summary>
[OptionsValidator]
internal sealed partial class KeyOperatorControllerOptionsAttributeValidator : IValidateOptions<KeyOperatorControllerOptions>;
