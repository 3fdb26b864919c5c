// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using Microsoft.Extensions.Options;

namespace KeyOperator.Runtime.Controllers;

/// <summary>
/// Validates <see cref="ControllerOptions"/> at start, source-generated from its attributes; the queue goes through
/// its own validator ([ValidateObjectMembers]).
/// </summary>
[OptionsValidator]
internal sealed partial class ControllerOptionsValidator : IValidateOptions<ControllerOptions>;
