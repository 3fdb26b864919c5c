// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KeyOperator.Kubernetes.Tests.TestSupport;

/// <summary>
/// A minimal HTTP/1.1 server over a real loopback socket that records each request and answers with canned bytes
/// (such as client-go's captured apiserver responses). One request per connection; the response says Connection: close.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<CapturedRequest, byte[]> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RawHttpServer(Func<CapturedRequest, byte[]> respond)
    {
        _respond = respond;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public List<CapturedRequest> Requests { get; } = [];

    /// <summary>Adds <c>Connection: close</c> after the status line of a captured raw response.</summary>
    public static byte[] WithConnectionClose(byte[] raw)
    {
        int lineEnd = Array.IndexOf(raw, (byte)'\n') + 1;
        return [.. raw.AsSpan(0, lineEnd), .. "Connection: close\r\n"u8, .. raw.AsSpan(lineEnd)];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using NetworkStream stream = client.GetStream();
            CapturedRequest request = await ReadRequestAsync(stream);
            lock (Requests)
            {
                Requests.Add(request);
            }

            await stream.WriteAsync(_respond(request), _stop.Token);
            await stream.FlushAsync(_stop.Token);
            client.Client.Shutdown(SocketShutdown.Send);
        }
    }

    private async Task<CapturedRequest> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(buffer))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                break;
            }

            buffer.Add(one[0]);
        }

        string[] lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        byte[] body = [];
        if (headers.TryGetValue("Content-Length", out string? length) && int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) is > 0 and int size)
        {
            body = new byte[size];
            await stream.ReadExactlyAsync(body, _stop.Token);
        }

        return new CapturedRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> buffer) =>
        buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n';
}
