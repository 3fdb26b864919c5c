// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Providers;

/// <summary>The source-generated validator of <see cref="ProviderOptions"/>' attributes.</summary>
[OptionsValidator]
internal sealed partial class ProviderOptionsAttributeValidator : IValidateOptions<ProviderOptions>;
