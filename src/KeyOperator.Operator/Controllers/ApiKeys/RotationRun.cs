// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using k8s.Models;
using KeyOperator.Operator.ApiKeys;
using KeyOperator.Operator.Rotation;

namespace KeyOperator.Operator.Controllers.ApiKeys;

/// <summary>
/// Where a rotation pass stopped: the ApiKey and Secret as last written or read, when to look again (null: only on
/// a change), the block to report if any, and the next scheduled rotation for status.nextRotationTime.
/// </summary>
internal sealed record RotationRun(ApiKey ApiKey, V1Secret? Secret, DateTimeOffset? RequeueAt, RotationAction.Blocked? Blocked, DateTimeOffset? NextRotation);
