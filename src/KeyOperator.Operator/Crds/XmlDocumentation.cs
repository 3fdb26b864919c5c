// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace KeyOperator.Operator.Crds;

/// <summary>
/// Reads <c>&lt;summary&gt;</c> texts from the XML documentation files the compiler writes next to each assembly
/// (GenerateDocumentationFile), so that the C# docs become the CRD's descriptions and <c>kubectl explain</c> shows them.
/// </summary>
internal sealed class XmlDocumentation
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _files = new(StringComparer.Ordinal);
    private readonly string _directory;
    private readonly bool _required;

    /// <summary>Reads documentation files from <paramref name="directory"/>.</summary>
    /// <param name="directory">Folder holding <c>{AssemblyName}.xml</c> files; usually <see cref="AppContext.BaseDirectory"/>.</param>
    /// <param name="required">
    /// True to fail when a file is missing (generating manifests); false to go without descriptions (installing CRDs
    /// from a published binary, which may ship without the XML files).
    /// </param>
    public XmlDocumentation(string directory, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
        _required = required;
    }

    /// <summary>The summary of a type, or null when it has none.</summary>
    /// <param name="type">The documented type.</param>
    /// <returns>The summary as one line of plain text.</returns>
    public string? ForType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Lookup(type.Assembly, "T:" + DocName(type));
    }

    /// <summary>The summary of a property, or null when it has none.</summary>
    /// <param name="property">The documented property.</param>
    /// <returns>The summary as one line of plain text.</returns>
    public string? ForProperty(PropertyInfo property)
    {
        ArgumentNullException.ThrowIfNull(property);
        Type declaring = property.DeclaringType ?? throw new ArgumentException("The property has no declaring type.", nameof(property));
        return Lookup(declaring.Assembly, "P:" + DocName(declaring) + "." + property.Name);
    }

    private static string DocName(Type type) => (type.FullName ?? type.Name).Replace('+', '.');

    private string? Lookup(Assembly assembly, string id)
    {
        string name = assembly.GetName().Name ?? throw new InvalidOperationException("The assembly has no name.");
        IReadOnlyDictionary<string, string> file = _files.GetOrAdd(name, Load);
        return file.TryGetValue(id, out string? text) ? text : null;
    }

    private IReadOnlyDictionary<string, string> Load(string assemblyName)
    {
        string path = Path.Combine(_directory, assemblyName + ".xml");
        if (!File.Exists(path) && !_required)
        {
            return new Dictionary<string, string>();
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                "The XML documentation file is missing; CRD descriptions come from it. Build with GenerateDocumentationFile.", path);
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (XElement member in XDocument.Load(path).Descendants("member"))
        {
            string? id = member.Attribute("name")?.Value;
            XElement? summary = member.Element("summary");
            if (id is not null && summary is not null)
            {
                result[id] = ToPlainText(summary);
            }
        }

        return result;
    }

    private static string ToPlainText(XElement element)
    {
        var text = new StringBuilder();
        Append(element, text);
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static void Append(XElement element, StringBuilder text)
    {
        foreach (XNode node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    // <see cref="T:Ns.Type.Member"/> reads as "Member"; <see langword="null"/> as "null".
                    string reference = see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? string.Empty;
                    text.Append(see.IsEmpty ? reference[(reference.LastIndexOf('.') + 1)..] : see.Value);
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } param:
                    text.Append(param.Attribute("name")?.Value);
                    break;
                case XElement { Name.LocalName: "para" } para:
                    text.Append(' ');
                    Append(para, text);
                    text.Append(' ');
                    break;
                case XElement other:
                    Append(other, text);
                    break;
            }
        }
    }
}
