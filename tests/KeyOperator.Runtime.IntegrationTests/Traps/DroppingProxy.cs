// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Net.Sockets;

namespace KeyOperator.Runtime.IntegrationTests.Traps;

/// <summary>
/// A TCP proxy on loopback in front of the control plane that resets the first connections it accepts and passes the
/// rest through untouched (TLS included, so the plane's certificate still matches 127.0.0.1): a real connection fault.
/// </summary>
internal sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _upstream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _toDrop;
    private int _dropped;

    public DroppingProxy(Uri upstream, int drop)
    {
        _upstream = upstream;
        _toDrop = drop;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's address, with the upstream's scheme.</summary>
    public Uri Address => new($"{_upstream.Scheme}://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Connections reset so far.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            if (Interlocked.Decrement(ref _toDrop) >= 0)
            {
                // Linger 0: the close is a RST, as when a server or a load balancer drops a connection.
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                Interlocked.Increment(ref _dropped);
                continue;
            }

            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(_upstream.Host, _upstream.Port, _stop.Token);
                var down = client.GetStream();
                var up = upstream.GetStream();
                await Task.WhenAny(down.CopyToAsync(up, _stop.Token), up.CopyToAsync(down, _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // One side went away; the connection ends with it.
            }
        }
    }
}
