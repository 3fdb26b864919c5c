// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KeyOperator.Emulators.Vault;

/// <summary>
/// A HashiCorp Vault peer for tests, built from Vault's documented HTTP API (the response shapes of the OpenBao API
/// doc samples in tests/fixtures/vault): KV v1 and v2 mounts with versions and soft delete, namespaces selected by
/// <c>X-Vault-Namespace</c>, tokens with TTLs, renewal and path policies, AppRole and kubernetes logins, fault
/// injection and counters. Expiry follows the <see cref="TimeProvider"/> it is given, so a test's fake clock drives
/// both the client and the server. Seed it through the C# methods, or over HTTP (<c>PUT /v1/&lt;mount&gt;/data/&lt;key&gt;</c>).
/// </summary>
public sealed class VaultEmulator : IAsyncDisposable
{
    private const string NoValue = "";
    private readonly object _sync = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Space> _namespaces = new(StringComparer.Ordinal) { [NoValue] = new Space() };
    private readonly Dictionary<string, TokenEntry> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);
    private readonly List<PendingFault> _faults = [];
    private readonly List<VaultRequestRecord> _log = [];
    private EmulatorHost? _host;
    private int _requests;
    private int _logins;
    private int _loginAttempts;
    private int _lookups;
    private int _renewals;
    private int _withoutRequestHeader;

    private VaultEmulator(TimeProvider time) => _time = time;

    /// <summary>The base URL (ending in a slash); requests go to <c>v1/...</c> below it.</summary>
    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>The emulator CA's PEM, for a <c>caBundle</c> (empty over plain HTTP).</summary>
    public string CaPem => Host.CaPem;

    /// <summary>
    /// Judges kubernetes logins: (jwt, role, cancellation) → whether the token is valid for the role. The end-to-end
    /// suite plugs in a TokenReview against its control plane; by default every JWT is refused.
    /// </summary>
    public Func<string, string, CancellationToken, Task<bool>> KubernetesJwtValidator { get; set; } = static (_, _, _) => Task.FromResult(false);

    /// <summary>Awaited inside every login before it answers, so a test can hold logins (to prove concurrent readers share one).</summary>
    public Func<CancellationToken, Task>? BeforeLogin { get; set; }

    /// <summary>All requests received (faulted ones included).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Successful logins (AppRole and kubernetes).</summary>
    public int Logins => Volatile.Read(ref _logins);

    /// <summary>Login requests, successful or not.</summary>
    public int LoginAttempts => Volatile.Read(ref _loginAttempts);

    /// <summary>lookup-self requests.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    /// <summary>Successful renew-self requests.</summary>
    public int Renewals => Volatile.Read(ref _renewals);

    /// <summary>Requests without <c>X-Vault-Request: true</c>.</summary>
    public int RequestsWithoutVaultRequestHeader => Volatile.Read(ref _withoutRequestHeader);

    private EmulatorHost Host => _host ?? throw new InvalidOperationException("not started");

    /// <summary>Starts an emulator with a root namespace and no mounts.</summary>
    /// <param name="time">The clock of token expiry and timestamps (default: the system clock).</param>
    /// <param name="https">Serve HTTPS with the emulator's own CA (default) or plain HTTP.</param>
    /// <returns>The started emulator.</returns>
    public static async Task<VaultEmulator> StartAsync(TimeProvider? time = null, bool https = true)
    {
        VaultEmulator emulator = new(time ?? TimeProvider.System);
        emulator._host = await EmulatorHost.StartAsync("vault-emulator", app => app.Run(emulator.HandleAsync), https).ConfigureAwait(false);
        return emulator;
    }

    /// <summary>Reads of one KV entry (GETs that passed the token and policy checks).</summary>
    /// <param name="mount">The mount.</param>
    /// <param name="key">The key below it.</param>
    /// <param name="ns">The namespace, or null for the root.</param>
    /// <returns>The count.</returns>
    public int Reads(string mount, string key, string? ns = null) => _reads.GetValueOrDefault(ReadKey(Ns(ns), mount, key));

    /// <summary>
    /// The requests whose path (after <c>/v1/</c>) starts with <paramref name="pathPrefix"/>, in arrival order, each with
    /// the emulator's own clock reading and the status it answered: the server's view of when a client came back.
    /// </summary>
    /// <param name="pathPrefix">The path prefix, for example <c>secret/data/team-a/</c>.</param>
    /// <returns>A copy of the matching records.</returns>
    public IReadOnlyList<VaultRequestRecord> RequestLog(string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        lock (_sync)
        {
            return [.. _log.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];
        }
    }

    /// <summary>Creates a namespace (an isolated set of mounts, tokens and auth methods).</summary>
    /// <param name="ns">Its name, such as <c>team-a</c>.</param>
    public void AddNamespace(string ns)
    {
        lock (_sync)
        {
            _namespaces.TryAdd(Ns(ns), new Space());
        }
    }

    /// <summary>Mounts a KV engine.</summary>
    /// <param name="mount">The mount path, such as <c>secret</c>.</param>
    /// <param name="version">1 or 2.</param>
    /// <param name="ns">The namespace, or null for the root.</param>
    public void EnableKv(string mount, int version = 2, string? ns = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, 2);
        lock (_sync)
        {
            SpaceOf(ns).Mounts[mount.Trim('/')] = new KvMount(version);
        }
    }

    /// <summary>Writes an entry (a new version on KV v2).</summary>
    /// <param name="mount">The mount.</param>
    /// <param name="key">The key.</param>
    /// <param name="data">The entry's data.</param>
    /// <param name="ns">The namespace, or null for the root.</param>
    /// <returns>The new version (0 on KV v1).</returns>
    public int Write(string mount, string key, JsonObject data, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_sync)
        {
            return MountOf(ns, mount).Write(key, (JsonObject)data.DeepClone(), _time.GetUtcNow());
        }
    }

    /// <summary>Soft-deletes versions of a KV v2 entry (the latest when none are given), or removes a KV v1 entry.</summary>
    /// <param name="mount">The mount.</param>
    /// <param name="key">The key.</param>
    /// <param name="versions">The versions, or none for the latest.</param>
    /// <param name="ns">The namespace, or null for the root.</param>
    public void Delete(string mount, string key, IEnumerable<int>? versions = null, string? ns = null)
    {
        lock (_sync)
        {
            MountOf(ns, mount).Delete(key, versions, destroy: false, _time.GetUtcNow());
        }
    }

    /// <summary>Destroys versions of a KV v2 entry (their data is gone for good).</summary>
    /// <param name="mount">The mount.</param>
    /// <param name="key">The key.</param>
    /// <param name="versions">The versions.</param>
    /// <param name="ns">The namespace, or null for the root.</param>
    public void Destroy(string mount, string key, IEnumerable<int> versions, string? ns = null)
    {
        lock (_sync)
        {
            MountOf(ns, mount).Delete(key, versions, destroy: true, _time.GetUtcNow());
        }
    }

    /// <summary>Issues a token.</summary>
    /// <param name="spec">Its TTL, renewability and readable paths.</param>
    /// <param name="ns">The namespace it belongs to, or null for the root.</param>
    /// <returns>The token.</returns>
    public string CreateToken(VaultTokenSpec spec, string? ns = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_sync)
        {
            _ = SpaceOf(ns);
            return Issue(spec, Ns(ns)).Id;
        }
    }

    /// <summary>Revokes a token: every later request with it is refused (403).</summary>
    /// <param name="token">The token.</param>
    public void RevokeToken(string token)
    {
        lock (_sync)
        {
            _tokens.Remove(token);
        }
    }

    /// <summary>Revokes every token issued so far (the ones logins gave out included).</summary>
    public void RevokeAllTokens()
    {
        lock (_sync)
        {
            _tokens.Clear();
        }
    }

    /// <summary>Adds an AppRole role at an auth mount (enabling the mount).</summary>
    /// <param name="path">The auth mount path, such as <c>approle</c>.</param>
    /// <param name="roleId">The role id.</param>
    /// <param name="secretId">The secret id.</param>
    /// <param name="spec">The tokens its logins issue.</param>
    /// <param name="ns">The namespace, or null for the root.</param>
    public void AddAppRole(string path, string roleId, string secretId, VaultTokenSpec spec, string? ns = null)
    {
        lock (_sync)
        {
            AuthMount mount = AuthMountFor(ns, path, "approle");
            mount.Roles[roleId] = new Role(secretId, spec);
        }
    }

    /// <summary>Adds a kubernetes auth role (enabling the mount); logins are judged by <see cref="KubernetesJwtValidator"/>.</summary>
    /// <param name="mountPath">The auth mount path, such as <c>kubernetes</c>.</param>
    /// <param name="role">The role name.</param>
    /// <param name="spec">The tokens its logins issue.</param>
    /// <param name="ns">The namespace, or null for the root.</param>
    public void AddKubernetesRole(string mountPath, string role, VaultTokenSpec spec, string? ns = null)
    {
        lock (_sync)
        {
            AuthMount mount = AuthMountFor(ns, mountPath, "kubernetes");
            mount.Roles[role] = new Role(null, spec);
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests (whose path below <c>/v1/</c> starts with <paramref name="pathPrefix"/>, if given) with a fault.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests.</param>
    /// <param name="retryAfter">The Retry-After of <see cref="VaultFault.Throttled"/> (default 1 s).</param>
    /// <param name="pathPrefix">Only requests to paths starting with this, such as <c>secret/</c> or <c>auth/</c>.</param>
    public void InjectFault(VaultFault fault, int count = 1, TimeSpan? retryAfter = null, string? pathPrefix = null)
    {
        lock (_sync)
        {
            _faults.Add(new PendingFault(fault, retryAfter ?? TimeSpan.FromSeconds(1), pathPrefix) { Remaining = count });
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Ns(string? ns) => ns?.Trim('/') ?? NoValue;

    private static string ReadKey(string ns, string mount, string key) => $"{ns}|{mount.Trim('/')}|{key.Trim('/')}";

    private static Task ReplyAsync(HttpContext context, int status, JsonNode? body)
    {
        context.Response.StatusCode = status;
        if (body is null)
        {
            return Task.CompletedTask;
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task ErrorsAsync(HttpContext context, int status, params string[] errors) =>
        ReplyAsync(context, status, new JsonObject { ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e)]) });

    private static JsonObject Envelope(JsonNode? data, JsonNode? auth = null) => new()
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["lease_id"] = string.Empty,
        ["renewable"] = false,
        ["lease_duration"] = 0,
        ["data"] = data,
        ["wrap_info"] = null,
        ["warnings"] = null,
        ["auth"] = auth,
    };

    private static JsonObject V1Envelope(JsonNode data)
    {
        // KV v1 answers carry the mount's default lease (32 days), as the doc sample shows.
        JsonObject envelope = Envelope(data);
        envelope["lease_duration"] = 2764800;
        return envelope;
    }

    private static async Task<JsonObject?> BodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Metadata(int number, KvVersion version) => new()
    {
        ["created_time"] = Timestamp(version.Created),
        ["custom_metadata"] = null,
        ["deletion_time"] = version.Deleted is { } deleted ? Timestamp(deleted) : string.Empty,
        ["destroyed"] = version.Destroyed,
        ["version"] = number,
    };

    private Space SpaceOf(string? ns) =>
        _namespaces.TryGetValue(Ns(ns), out Space? space) ? space : throw new InvalidOperationException($"namespace '{ns}' does not exist: AddNamespace first");

    private KvMount MountOf(string? ns, string mount) =>
        SpaceOf(ns).Mounts.TryGetValue(mount.Trim('/'), out KvMount? kv) ? kv : throw new InvalidOperationException($"mount '{mount}' is not enabled: EnableKv first");

    private AuthMount AuthMountFor(string? ns, string path, string type)
    {
        Space space = SpaceOf(ns);
        string key = path.Trim('/');
        if (!space.AuthMounts.TryGetValue(key, out AuthMount? mount))
        {
            mount = new AuthMount(type);
            space.AuthMounts[key] = mount;
        }

        return mount.Type == type ? mount : throw new InvalidOperationException($"auth/{key} is a {mount.Type} mount");
    }

    private TokenEntry Issue(VaultTokenSpec spec, string ns)
    {
        DateTimeOffset now = _time.GetUtcNow();
        TokenEntry token = new("hvs." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'A').Replace('/', 'B'), ns, spec, now)
        {
            ExpiresAt = spec.Ttl > TimeSpan.Zero ? now + spec.Ttl : null,
        };
        _tokens[token.Id] = token;
        return token;
    }

    private PendingFault? TakeFault(string path)
    {
        lock (_sync)
        {
            PendingFault? fault = _faults.FirstOrDefault(f => f.PathPrefix is null || path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (fault is not null && --fault.Remaining <= 0)
            {
                _faults.Remove(fault);
            }

            return fault;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        DateTimeOffset arrived = _time.GetUtcNow();
        try
        {
            await DispatchAsync(context).ConfigureAwait(false);
        }
        finally
        {
            string path = (context.Request.Path.Value ?? string.Empty).TrimStart('/');
            path = path.StartsWith("v1/", StringComparison.Ordinal) ? path["v1/".Length..].TrimEnd('/') : path;
            lock (_sync)
            {
                _log.Add(new VaultRequestRecord(arrived, context.Request.Method, path, context.Response.StatusCode));
            }
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (!string.Equals(context.Request.Headers["X-Vault-Request"], "true", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _withoutRequestHeader);
        }

        string full = context.Request.Path.Value ?? string.Empty;
        if (!full.StartsWith("/v1/", StringComparison.Ordinal))
        {
            await ErrorsAsync(context, 404, "unsupported path").ConfigureAwait(false);
            return;
        }

        string path = full["/v1/".Length..].TrimEnd('/');
        if (TakeFault(path) is { } fault)
        {
            await FaultAsync(context, fault).ConfigureAwait(false);
            return;
        }

        string ns = Ns(context.Request.Headers["X-Vault-Namespace"].ToString());
        Space? space;
        lock (_sync)
        {
            space = _namespaces.GetValueOrDefault(ns);
        }

        if (space is null)
        {
            await ErrorsAsync(context, 404, $"no handler for route \"{path}\". route entry not found.").ConfigureAwait(false);
            return;
        }

        if (path.StartsWith("auth/", StringComparison.Ordinal) && path.EndsWith("/login", StringComparison.Ordinal) && path != "auth/token/login")
        {
            await LoginAsync(context, space, ns, path["auth/".Length..^"/login".Length]).ConfigureAwait(false);
            return;
        }

        TokenEntry? token = Authenticate(context, ns);
        if (token is null)
        {
            await ErrorsAsync(context, 403, "permission denied").ConfigureAwait(false);
            return;
        }

        switch (path)
        {
            case "auth/token/lookup-self":
                await LookupSelfAsync(context, token).ConfigureAwait(false);
                return;
            case "auth/token/renew-self":
                await RenewSelfAsync(context, token).ConfigureAwait(false);
                return;
        }

        await KvAsync(context, space, ns, path, token).ConfigureAwait(false);
    }

    private static async Task FaultAsync(HttpContext context, PendingFault fault)
    {
        switch (fault.Fault)
        {
            case VaultFault.Sealed:
                await ErrorsAsync(context, 503, "Vault is sealed").ConfigureAwait(false);
                break;
            case VaultFault.Throttled:
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(fault.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await ErrorsAsync(context, 429, "request path \"" + context.Request.Path + "\": rate limit quota exceeded").ConfigureAwait(false);
                break;
            case VaultFault.InternalError:
                await ErrorsAsync(context, 500, "internal error").ConfigureAwait(false);
                break;
            default:
                context.Abort();
                break;
        }
    }

    private TokenEntry? Authenticate(HttpContext context, string ns)
    {
        string id = context.Request.Headers["X-Vault-Token"].ToString();
        lock (_sync)
        {
            if (!_tokens.TryGetValue(id, out TokenEntry? token) || token.Namespace != ns)
            {
                return null;
            }

            if (token.ExpiresAt is { } expires && expires <= _time.GetUtcNow())
            {
                _tokens.Remove(id);
                return null;
            }

            return token;
        }
    }

    private async Task LoginAsync(HttpContext context, Space space, string ns, string mountPath)
    {
        Interlocked.Increment(ref _loginAttempts);
        JsonObject? body = await BodyAsync(context).ConfigureAwait(false);
        AuthMount? mount;
        lock (_sync)
        {
            mount = space.AuthMounts.GetValueOrDefault(mountPath);
        }

        if (mount is null)
        {
            await ErrorsAsync(context, 404, $"no handler for route \"auth/{mountPath}/login\". route entry not found.").ConfigureAwait(false);
            return;
        }

        if (BeforeLogin is { } hold)
        {
            await hold(context.RequestAborted).ConfigureAwait(false);
        }

        VaultTokenSpec? spec;
        if (mount.Type == "approle")
        {
            string roleId = body?["role_id"]?.GetValue<string>() ?? string.Empty;
            string secretId = body?["secret_id"]?.GetValue<string>() ?? string.Empty;
            lock (_sync)
            {
                spec = mount.Roles.TryGetValue(roleId, out Role? role) && role.SecretId == secretId ? role.Spec : null;
            }

            if (spec is null)
            {
                await ErrorsAsync(context, 400, "invalid role or secret ID").ConfigureAwait(false);
                return;
            }
        }
        else
        {
            string roleName = body?["role"]?.GetValue<string>() ?? string.Empty;
            string jwt = body?["jwt"]?.GetValue<string>() ?? string.Empty;
            lock (_sync)
            {
                spec = mount.Roles.GetValueOrDefault(roleName)?.Spec;
            }

            if (spec is null)
            {
                await ErrorsAsync(context, 400, $"invalid role name \"{roleName}\"").ConfigureAwait(false);
                return;
            }

            if (jwt.Length == 0 || !await KubernetesJwtValidator(jwt, roleName, context.RequestAborted).ConfigureAwait(false))
            {
                await ErrorsAsync(context, 403, "permission denied").ConfigureAwait(false);
                return;
            }
        }

        TokenEntry token;
        lock (_sync)
        {
            token = Issue(spec, ns);
        }

        Interlocked.Increment(ref _logins);
        await ReplyAsync(context, 200, Envelope(null, Auth(token))).ConfigureAwait(false);
    }

    private JsonObject Auth(TokenEntry token) => new()
    {
        ["client_token"] = token.Id,
        ["accessor"] = token.Accessor,
        ["policies"] = new JsonArray("default"),
        ["token_policies"] = new JsonArray("default"),
        ["metadata"] = null,
        ["lease_duration"] = (long)Remaining(token).TotalSeconds,
        ["renewable"] = token.Spec.Renewable,
        ["entity_id"] = string.Empty,
        ["token_type"] = "service",
        ["orphan"] = true,
    };

    private TimeSpan Remaining(TokenEntry token) => token.ExpiresAt is { } expires ? expires - _time.GetUtcNow() : TimeSpan.Zero;

    private Task LookupSelfAsync(HttpContext context, TokenEntry token)
    {
        Interlocked.Increment(ref _lookups);
        JsonObject data = new()
        {
            ["accessor"] = token.Accessor,
            ["creation_time"] = token.Created.ToUnixTimeSeconds(),
            ["creation_ttl"] = (long)token.Spec.Ttl.TotalSeconds,
            ["display_name"] = "token",
            ["entity_id"] = string.Empty,
            ["expire_time"] = token.ExpiresAt is { } expires ? Timestamp(expires) : null,
            ["explicit_max_ttl"] = (long)(token.Spec.MaxTtl ?? TimeSpan.Zero).TotalSeconds,
            ["id"] = token.Id,
            ["identity_policies"] = new JsonArray(),
            ["issue_time"] = Timestamp(token.Created),
            ["meta"] = null,
            ["num_uses"] = 0,
            ["orphan"] = true,
            ["path"] = "auth/token/create",
            ["policies"] = new JsonArray("default"),
            ["renewable"] = token.Spec.Renewable,
            ["ttl"] = (long)Remaining(token).TotalSeconds,
        };
        return ReplyAsync(context, 200, Envelope(data));
    }

    private Task RenewSelfAsync(HttpContext context, TokenEntry token)
    {
        if (!HttpMethods.IsPost(context.Request.Method) && !HttpMethods.IsPut(context.Request.Method))
        {
            return ErrorsAsync(context, 405, "unsupported operation");
        }

        lock (_sync)
        {
            if (!token.Spec.Renewable)
            {
                return ErrorsAsync(context, 400, "lease is not renewable");
            }

            if (token.ExpiresAt is not null)
            {
                DateTimeOffset until = _time.GetUtcNow() + token.Spec.Ttl;
                if (token.Spec.MaxTtl is { } max && until > token.Created + max)
                {
                    until = token.Created + max;
                }

                token.ExpiresAt = until;
            }
        }

        Interlocked.Increment(ref _renewals);
        return ReplyAsync(context, 200, Envelope(null, Auth(token)));
    }

    private async Task KvAsync(HttpContext context, Space space, string ns, string path, TokenEntry token)
    {
        KvMount? mount;
        string mountPath;
        lock (_sync)
        {
            (mountPath, mount) = space.Mounts
                .Where(m => path == m.Key || path.StartsWith(m.Key + "/", StringComparison.Ordinal))
                .OrderByDescending(m => m.Key.Length)
                .Select(m => (m.Key, (KvMount?)m.Value))
                .FirstOrDefault();
        }

        if (mount is null)
        {
            await ErrorsAsync(context, 404, $"no handler for route \"{path}\". route entry not found.").ConfigureAwait(false);
            return;
        }

        if (!Allowed(token, path))
        {
            await ErrorsAsync(context, 403, "permission denied").ConfigureAwait(false);
            return;
        }

        string rest = path.Length > mountPath.Length ? path[(mountPath.Length + 1)..] : string.Empty;
        string method = context.Request.Method;
        if (mount.Version == 1)
        {
            await KvV1Async(context, ns, mountPath, mount, rest, method).ConfigureAwait(false);
            return;
        }

        if (!rest.StartsWith("data/", StringComparison.Ordinal) || rest.Length == "data/".Length)
        {
            await ReplyAsync(context, 404, new JsonObject
            {
                ["errors"] = new JsonArray(),
                ["warnings"] = new JsonArray("Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation."),
            }).ConfigureAwait(false);
            return;
        }

        string key = rest["data/".Length..];
        if (HttpMethods.IsGet(method))
        {
            _reads.AddOrUpdate(ReadKey(ns, mountPath, key), 1, static (_, n) => n + 1);
            await ReadV2Async(context, mount, key).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPut(method) || HttpMethods.IsPost(method))
        {
            await WriteV2Async(context, mount, key).ConfigureAwait(false);
        }
        else if (HttpMethods.IsDelete(method))
        {
            lock (_sync)
            {
                mount.Delete(key, null, destroy: false, _time.GetUtcNow());
            }

            await ReplyAsync(context, 204, null).ConfigureAwait(false);
        }
        else
        {
            await ErrorsAsync(context, 405, "unsupported operation").ConfigureAwait(false);
        }
    }

    private async Task ReadV2Async(HttpContext context, KvMount mount, string key)
    {
        string? requested = context.Request.Query["version"];
        int number = 0;
        if (!string.IsNullOrEmpty(requested) && !int.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            await ErrorsAsync(context, 400, "error parsing version: \"" + requested + "\" is not a number").ConfigureAwait(false);
            return;
        }

        JsonObject? found = null;
        bool deleted = false;
        lock (_sync)
        {
            if (mount.Entries.TryGetValue(key, out KvEntry? entry))
            {
                number = number == 0 ? entry.Current : number;
                if (entry.Versions.TryGetValue(number, out KvVersion? version))
                {
                    deleted = version.Deleted is not null || version.Destroyed;
                    found = new JsonObject
                    {
                        ["data"] = deleted ? null : version.Data.DeepClone(),
                        ["metadata"] = Metadata(number, version),
                    };
                }
            }
        }

        if (found is null)
        {
            // Vault's answer for a path (or version) that has no value: 404 with an empty errors array.
            await ErrorsAsync(context, 404).ConfigureAwait(false);
            return;
        }

        await ReplyAsync(context, deleted ? 404 : 200, Envelope(found)).ConfigureAwait(false);
    }

    private async Task WriteV2Async(HttpContext context, KvMount mount, string key)
    {
        JsonObject? body = await BodyAsync(context).ConfigureAwait(false);
        if (body?["data"] is not JsonObject data)
        {
            await ErrorsAsync(context, 400, "no data provided").ConfigureAwait(false);
            return;
        }

        JsonObject metadata;
        lock (_sync)
        {
            int current = mount.Entries.GetValueOrDefault(key)?.Current ?? 0;
            if (body["options"]?["cas"] is JsonNode cas && cas.GetValue<int>() != current)
            {
                metadata = new JsonObject();
            }
            else
            {
                int number = mount.Write(key, (JsonObject)data.DeepClone(), _time.GetUtcNow());
                metadata = Metadata(number, mount.Entries[key].Versions[number]);
            }
        }

        if (metadata.Count == 0)
        {
            await ErrorsAsync(context, 400, "check-and-set parameter did not match the current version").ConfigureAwait(false);
            return;
        }

        await ReplyAsync(context, 200, Envelope(metadata)).ConfigureAwait(false);
    }

    private async Task KvV1Async(HttpContext context, string ns, string mountPath, KvMount mount, string key, string method)
    {
        if (HttpMethods.IsGet(method))
        {
            _reads.AddOrUpdate(ReadKey(ns, mountPath, key), 1, static (_, n) => n + 1);
            JsonNode? data;
            lock (_sync)
            {
                data = mount.Entries.TryGetValue(key, out KvEntry? entry) ? entry.Versions[0].Data.DeepClone() : null;
            }

            await (data is null ? ErrorsAsync(context, 404) : ReplyAsync(context, 200, V1Envelope(data))).ConfigureAwait(false);
        }
        else if (HttpMethods.IsPut(method) || HttpMethods.IsPost(method))
        {
            if (await BodyAsync(context).ConfigureAwait(false) is not { } body)
            {
                await ErrorsAsync(context, 400, "no data provided").ConfigureAwait(false);
                return;
            }

            lock (_sync)
            {
                mount.Write(key, body, _time.GetUtcNow());
            }

            await ReplyAsync(context, 204, null).ConfigureAwait(false);
        }
        else if (HttpMethods.IsDelete(method))
        {
            lock (_sync)
            {
                mount.Entries.Remove(key);
            }

            await ReplyAsync(context, 204, null).ConfigureAwait(false);
        }
        else
        {
            await ErrorsAsync(context, 405, "unsupported operation").ConfigureAwait(false);
        }
    }

    private static bool Allowed(TokenEntry token, string path) => token.Spec.ReadablePaths.Any(rule =>
        rule == "*" || rule == path || (rule.EndsWith('*') && path.StartsWith(rule[..^1], StringComparison.Ordinal)));

    private sealed class Space
    {
        public Dictionary<string, KvMount> Mounts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, AuthMount> AuthMounts { get; } = new(StringComparer.Ordinal);
    }

    private sealed class KvMount(int version)
    {
        public int Version { get; } = version;

        public Dictionary<string, KvEntry> Entries { get; } = new(StringComparer.Ordinal);

        public int Write(string key, JsonObject data, DateTimeOffset now)
        {
            key = key.Trim('/');
            if (Version == 1)
            {
                Entries[key] = new KvEntry { Versions = { [0] = new KvVersion(data, now) } };
                return 0;
            }

            if (!Entries.TryGetValue(key, out KvEntry? entry))
            {
                entry = new KvEntry();
                Entries[key] = entry;
            }

            entry.Current++;
            entry.Versions[entry.Current] = new KvVersion(data, now);
            return entry.Current;
        }

        public void Delete(string key, IEnumerable<int>? versions, bool destroy, DateTimeOffset now)
        {
            key = key.Trim('/');
            if (Version == 1)
            {
                Entries.Remove(key);
                return;
            }

            if (!Entries.TryGetValue(key, out KvEntry? entry))
            {
                return;
            }

            foreach (int number in versions ?? [entry.Current])
            {
                if (entry.Versions.TryGetValue(number, out KvVersion? version))
                {
                    version.Deleted ??= destroy ? null : now;
                    version.Destroyed |= destroy;
                }
            }
        }
    }

    private sealed class KvEntry
    {
        public int Current { get; set; }

        public Dictionary<int, KvVersion> Versions { get; } = [];
    }

    private sealed class KvVersion(JsonObject data, DateTimeOffset created)
    {
        public JsonObject Data { get; } = data;

        public DateTimeOffset Created { get; } = created;

        public DateTimeOffset? Deleted { get; set; }

        public bool Destroyed { get; set; }
    }

    private sealed class AuthMount(string type)
    {
        public string Type { get; } = type;

        public Dictionary<string, Role> Roles { get; } = new(StringComparer.Ordinal);
    }

    private sealed record Role(string? SecretId, VaultTokenSpec Spec);

    private sealed class TokenEntry(string id, string ns, VaultTokenSpec spec, DateTimeOffset created)
    {
        public string Id { get; } = id;

        public string Accessor { get; } = Guid.NewGuid().ToString();

        public string Namespace { get; } = ns;

        public VaultTokenSpec Spec { get; } = spec;

        public DateTimeOffset Created { get; } = created;

        public DateTimeOffset? ExpiresAt { get; set; }
    }

    private sealed class PendingFault(VaultFault fault, TimeSpan retryAfter, string? pathPrefix)
    {
        public VaultFault Fault { get; } = fault;

        public TimeSpan RetryAfter { get; } = retryAfter;

        public string? PathPrefix { get; } = pathPrefix;

        public int Remaining { get; set; }
    }
}
