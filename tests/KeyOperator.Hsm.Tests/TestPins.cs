// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Text;

namespace KeyOperator.Hsm.Tests;

/// <summary>A PIN source that counts how often it is asked (once per login).</summary>
internal sealed class TestPins(string pin) : IHsmPinSource
{
    private int _calls;

    public string Pin { get; set; } = pin;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask<byte[]> GetPinAsync(string hsm, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return ValueTask.FromResult(Encoding.UTF8.GetBytes(Pin));
    }
}
