// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Client;

/// <summary>The source-generated half of <see cref="KubernetesClientOptionsValidator"/>: the [Range] attributes.</summary>
[OptionsValidator]
internal sealed partial class KubernetesClientOptionsRangeValidator : IValidateOptions<KubernetesClientOptions>;
