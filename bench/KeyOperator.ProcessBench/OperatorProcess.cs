// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace KeyOperator.ProcessBench;

/// <summary>
/// The operator under test, seen from outside: memory and CPU from /proc/PID, API request counts from its own
/// <c>rest_client_requests_total{code,method}</c> on /metrics, cache sync from /readyz.
/// </summary>
internal sealed partial class OperatorProcess(int pid, Uri metrics) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public int Pid { get; } = pid;

    public static OperatorProcess From(Options options) =>
        new(int.Parse(options.Required("pid"), CultureInfo.InvariantCulture), new Uri(options.Required("metrics-url")));

    /// <summary>Waits for /readyz to answer 200: every informer has synced.</summary>
    public async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            EnsureAlive();
            try
            {
                using HttpResponseMessage response = await _http.GetAsync(new Uri(metrics, "/readyz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    Results.Note($"operator {Pid} ready (caches synced) after {stopwatch.Elapsed.TotalSeconds:0.0} s of waiting");
                    return;
                }
            }
            catch (HttpRequestException) when (stopwatch.Elapsed < TimeSpan.FromSeconds(120))
            {
                // Not listening yet.
            }

            if (stopwatch.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"the operator's /readyz did not answer 200 within 120 s ({metrics})");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    /// <summary>VmRSS and VmHWM (peak resident set) in MiB.</summary>
    public (double Rss, double Hwm) Memory()
    {
        EnsureAlive();
        double rss = double.NaN, hwm = double.NaN;
        foreach (string line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kib(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kib(line) / 1024.0;
            }
        }

        return (rss, hwm);
    }

    /// <summary>User + system CPU seconds the process has used (/proc/PID/stat fields 14 and 15, at 100 ticks/s).</summary>
    public double CpuSeconds()
    {
        EnsureAlive();
        string stat = File.ReadAllText($"/proc/{Pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

        // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The operator's request counters, or null when it does not export <c>rest_client_requests_total</c>.</summary>
    public async Task<RequestCounts?> ScrapeAsync(CancellationToken cancellationToken)
    {
        string text = await _http.GetStringAsync(metrics, cancellationToken);
        var counts = new RequestCounts();
        bool found = false;
        foreach (string line in text.Split('\n'))
        {
            if (!line.StartsWith("rest_client_requests_total{", StringComparison.Ordinal))
            {
                continue;
            }

            found = true;
            string method = MethodLabel().Match(line).Groups[1].Value;
            string code = CodeLabel().Match(line).Groups[1].Value;
            double value = double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            counts.Add(method, code, value);
        }

        return found ? counts : null;
    }

    public void Dispose() => _http.Dispose();

    private static double Kib(string line) => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private void EnsureAlive()
    {
        if (!Directory.Exists($"/proc/{Pid}"))
        {
            throw new InvalidOperationException($"the operator process {Pid} has exited");
        }
    }

    [GeneratedRegex("method=\"([^\"]*)\"")]
    private static partial Regex MethodLabel();

    [GeneratedRegex("code=\"([^\"]*)\"")]
    private static partial Regex CodeLabel();
}

/// <summary>Requests by HTTP method, and how many of them did not answer 2xx.</summary>
internal sealed class RequestCounts
{
    private readonly Dictionary<string, double> _byMethod = new(StringComparer.OrdinalIgnoreCase);

    public double NotSuccess { get; private set; }

    public double this[string method] => _byMethod.GetValueOrDefault(method);

    public double Reads => this["GET"];

    public double Writes => this["POST"] + this["PUT"] + this["PATCH"] + this["DELETE"];

    public double Total => _byMethod.Values.Sum();

    public void Add(string method, string code, double value)
    {
        _byMethod[method] = _byMethod.GetValueOrDefault(method) + value;
        if (!code.StartsWith('2'))
        {
            NotSuccess += value;
        }
    }

    public static RequestCounts? Delta(RequestCounts? after, RequestCounts? before)
    {
        if (after is null || before is null)
        {
            return null;
        }

        var delta = new RequestCounts { NotSuccess = after.NotSuccess - before.NotSuccess };
        foreach ((string method, double value) in after._byMethod)
        {
            delta._byMethod[method] = value - before[method];
        }

        return delta;
    }
}
