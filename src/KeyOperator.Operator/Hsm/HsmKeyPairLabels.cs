// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;

namespace KeyOperator.Operator.Hsm;

/// <summary>
/// CKA_LABELs of an ApiKey's key pairs: <c>keyoperator/NAMESPACE/NAME/vVERSION</c>. The label is how a pair is found
/// again (after a crash, a lost Secret, a restart), so it must never change; namespace and name cannot contain "/".
/// </summary>
internal static class HsmKeyPairLabels
{
    /// <summary>The prefix every pair of the ApiKey shares (what the finalizer destroys).</summary>
    public static string Prefix(string @namespace, string name) => "keyoperator/" + @namespace + "/" + name + "/v";

    /// <summary>The label of one version's pair.</summary>
    public static string Of(string @namespace, string name, int version) => Prefix(@namespace, name) + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The version a label of this ApiKey names, or null for a label of another form.</summary>
    public static int? VersionOf(string prefix, string label) =>
        label.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(label.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int version) && version > 0
            ? version
            : null;
}
