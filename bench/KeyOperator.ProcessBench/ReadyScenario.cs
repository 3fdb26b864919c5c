// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KeyOperator.ProcessBench;

/// <summary>
/// <c>ready</c>: the operator's resident memory idle (caches synced, nothing to do), then S unrelated Secrets and N
/// default ApiKeys across M namespaces, the time from the first ApiKey create until all N report Ready=True, the
/// memory after that, and the API requests the operator made per converged ApiKey.
/// </summary>
internal static class ReadyScenario
{
    public static async Task<int> RunAsync(Options options, CancellationToken cancellationToken)
    {
        int keys = options.Int("keys", 10_000);
        int secrets = options.Int("secrets", 20_000);
        int namespaces = Math.Max(1, options.Int("namespaces", 10));
        int parallelism = options.Int("parallelism", 16);
        var settle = TimeSpan.FromSeconds(options.Int("settle-seconds", 10));
        var budget = TimeSpan.FromSeconds(options.Int("budget-seconds", 480));
        var results = new Results(options.Optional("result"));
        using Cluster cluster = Cluster.Connect(options.Required("kubeconfig"));
        using OperatorProcess process = OperatorProcess.From(options);

        await process.WaitReadyAsync(cancellationToken);
        await Task.Delay(settle, cancellationToken);
        (double idleRss, double idleHwm) = process.Memory();
        results.Add("idle_rss_mib", idleRss, "operator VmRSS, caches synced, empty cluster");
        results.Add("idle_hwm_mib", idleHwm, "operator VmHWM (peak RSS) up to then");

        string[] names = [.. Enumerable.Range(0, namespaces).Select(static i => "perf-" + i.ToString(CultureInfo.InvariantCulture))];
        foreach (string ns in names)
        {
            await cluster.EnsureNamespaceAsync(ns, cancellationToken);
        }

        RequestCounts? beforeSecrets = await process.ScrapeAsync(cancellationToken);
        if (beforeSecrets is null)
        {
            Results.Note("warning: the operator's /metrics has no rest_client_requests_total; request counts are n/a");
        }

        TimeSpan secretsTime = await Cluster.BulkAsync("Secrets", secrets, parallelism, (i, ct) => cluster.CreateUnrelatedSecretAsync(names[i % namespaces], i, ct), cancellationToken);
        results.Add("secrets_create_s", secretsTime.TotalSeconds, $"{secrets} unrelated Secrets created, {parallelism} in flight");
        await Task.Delay(settle, cancellationToken);
        RequestCounts? beforeKeys = await process.ScrapeAsync(cancellationToken);
        results.Add("requests_during_secrets", RequestCounts.Delta(beforeKeys, beforeSecrets)?.Total ?? double.NaN, "operator API requests while the Secrets were created, plus the settle time (background only: leader election)");
        (double secretsRss, _) = process.Memory();
        results.Add("secrets_rss_mib", secretsRss, "operator VmRSS after the unrelated Secrets, before any ApiKey");

        double cpuBefore = process.CpuSeconds();
        var total = Stopwatch.StartNew();
        TimeSpan createTime = await Cluster.BulkAsync("ApiKeys", keys, parallelism, (i, ct) => cluster.CreateApiKeyAsync(names[i % namespaces], "key-" + i.ToString(CultureInfo.InvariantCulture), [], ct), cancellationToken);
        results.Add("keys_create_s", createTime.TotalSeconds, $"{keys} ApiKeys created, {parallelism} in flight");

        int ready = 0;
        var poll = TimeSpan.FromMilliseconds(keys > 2000 ? 2000 : 500);
        int lastReported = -1;
        while (ready < keys && total.Elapsed < budget)
        {
            await Task.Delay(poll, cancellationToken);
            List<JsonElement> list = await cluster.ListApiKeysAsync(cancellationToken);
            ready = list.Count(Cluster.IsReady);
            if (ready / Math.Max(1, keys / 10) != lastReported)
            {
                lastReported = ready / Math.Max(1, keys / 10);
                Results.Note($"  {ready} of {keys} Ready after {total.Elapsed.TotalSeconds:0.0} s");
            }
        }

        TimeSpan allReady = total.Elapsed;
        double cpu = process.CpuSeconds() - cpuBefore;
        results.Add("ready_count", ready, $"ApiKeys Ready=True at the end (of {keys})");
        results.Add("ready_s", ready == keys ? allReady.TotalSeconds : double.NaN, $"first ApiKey create → all Ready, polled every {poll.TotalMilliseconds:0} ms");
        results.Add("operator_cpu_s", cpu, "operator user+system CPU seconds, first create → all Ready");

        await Task.Delay(settle, cancellationToken);
        RequestCounts? afterKeys = RequestCounts.Delta(await process.ScrapeAsync(cancellationToken), beforeKeys);
        (double rss, double hwm) = process.Memory();
        results.Add("loaded_rss_mib", rss, $"operator VmRSS with {ready} Ready ApiKeys and {secrets} unrelated Secrets, {settle.TotalSeconds:0} s after the last Ready");
        results.Add("loaded_hwm_mib", hwm, "operator VmHWM (peak RSS) over the whole run");

        double perKey(double value) => afterKeys is null || ready == 0 ? double.NaN : value / ready;
        results.Add("gets_per_key", perKey(afterKeys?.Reads ?? 0), "operator GETs (reads, lists, watches) per Ready ApiKey");
        results.Add("writes_per_key", perKey(afterKeys?.Writes ?? 0), "operator POST+PUT+PATCH+DELETE per Ready ApiKey");
        foreach ((string method, string name) in (ReadOnlySpan<(string, string)>)[("POST", "posts"), ("PUT", "puts"), ("PATCH", "patches"), ("DELETE", "deletes")])
        {
            results.Add(name + "_per_key", perKey(afterKeys?[method] ?? 0), $"operator {method} requests per Ready ApiKey");
        }

        results.Add("non_2xx_per_key", perKey(afterKeys?.NotSuccess ?? 0), "operator requests answered other than 2xx (conflicts, not found) per Ready ApiKey");
        return ready == keys ? 0 : 1;
    }
}
