// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Queue;

/// <summary>The source-generated half of <see cref="WorkQueueOptionsValidator"/>: the [Required] and [Range] attributes.</summary>
[OptionsValidator]
internal sealed partial class WorkQueueOptionsAttributeValidator : IValidateOptions<WorkQueueOptions>;
