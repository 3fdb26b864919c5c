// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

namespace KeyOperator.ApiMachinery.Protobuf;

/// <summary>A message type: its fields in JSON order, indexed by number.</summary>
internal sealed class ProtoMessage
{
    private readonly Dictionary<int, ProtoField> _byNumber;

    public ProtoMessage(string name, params ProtoField[] fields)
    {
        Name = name;
        Fields = fields;
        _byNumber = fields.ToDictionary(f => f.Number);
    }

    /// <summary>Upstream message name, for diagnostics.</summary>
    public string Name { get; }

    /// <summary>Fields in the order JSON writes them.</summary>
    public IReadOnlyList<ProtoField> Fields { get; }

    public ProtoField? Find(int number) => _byNumber.GetValueOrDefault(number);
}
