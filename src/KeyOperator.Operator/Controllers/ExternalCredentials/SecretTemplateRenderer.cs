// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;
using System.Text.RegularExpressions;

namespace KeyOperator.Operator.Controllers.ExternalCredentials;

/// <summary>
/// The whole template language: <c>{{ .key }}</c> is replaced by the synced value of <c>key</c>, and nothing else
/// exists (no functions, pipelines, lookups or includes), so a template cannot read other Secrets, call the network or
/// run code: none of the template advisories of ESO's Sprig-based engine can happen. A missing key or any other
/// <c>{{</c> is an error naming the template key, never a value.
/// </summary>
internal static partial class SecretTemplateRenderer
{
    /// <summary>Renders one template.</summary>
    /// <param name="templateKey">The Secret key the template is for (for error messages).</param>
    /// <param name="template">The template text.</param>
    /// <param name="values">The synced keys and values.</param>
    /// <returns>The rendered value.</returns>
    /// <exception cref="SyncFailure">A reference is unknown or malformed (TemplateError).</exception>
    public static byte[] Render(string templateKey, string template, IReadOnlyDictionary<string, byte[]> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        StringBuilder output = new(template.Length);
        int position = 0;
        foreach (Match match in Placeholder().Matches(template))
        {
            output.Append(template, position, match.Index - position);
            string key = match.Groups["key"].Value;
            if (!values.TryGetValue(key, out byte[]? value))
            {
                throw new SyncFailure(ExternalCredentialReasons.TemplateError, $"template for key {templateKey} references {key}, which is not among the synced keys");
            }

            output.Append(Encoding.UTF8.GetString(value));
            position = match.Index + match.Length;
        }

        string rest = template[position..];
        output.Append(rest);
        // Anything else between braces would be a function or pipeline in Go templates: refuse it rather than pass it through.
        string literal = Placeholder().Replace(template, string.Empty);
        if (literal.Contains("{{", StringComparison.Ordinal) || literal.Contains("}}", StringComparison.Ordinal))
        {
            throw new SyncFailure(ExternalCredentialReasons.TemplateError, $"template for key {templateKey} has an expression other than {{{{ .key }}}}; only key substitution is supported");
        }

        return Encoding.UTF8.GetBytes(output.ToString());
    }

    [GeneratedRegex(@"\{\{\s*\.(?<key>[-._a-zA-Z0-9]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
