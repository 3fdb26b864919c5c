// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeyOperator.ControlPlane.Api;
using KeyOperator.ControlPlane.Errors;
using KeyOperator.ControlPlane.Json;
using KeyOperator.ControlPlane.Resources;

namespace KeyOperator.ControlPlane.Tokens;

/// <summary>
/// Issues and validates bound service-account tokens the way kube-apiserver does: TokenRequest
/// (<c>pkg/registry/core/serviceaccount/storage/token.go</c>, claims from <c>pkg/serviceaccount/claims.go</c>) and
/// the service-account token authenticator behind TokenReview (<c>pkg/serviceaccount/jwt.go</c>). Tokens are never
/// stored or logged.
/// </summary>
internal sealed class ServiceAccountTokens(ServiceAccountKey key, ObjectReader reader, TimeProvider timeProvider, TimeSpan maxExpiration)
{
    public const string Group = "authentication.k8s.io";
    public const string ApiVersion = "authentication.k8s.io/v1";

    /// <summary>ValidateTokenRequest's lower bound (10 minutes) and upper bound (2^32 seconds).</summary>
    private const long MinExpirationSeconds = 600;
    private const long MaxExpirationSeconds = 1L << 32;
    private const long DefaultExpirationSeconds = 3600;

    /// <summary>go-jose's <c>jwt.DefaultLeeway</c>, applied to exp, nbf and iat.</summary>
    private static readonly TimeSpan s_leeway = TimeSpan.FromMinutes(1);

    /// <summary>The bearer-token authenticator's default error; recognised tokens that fail add their own reason.</summary>
    private const string InvalidBearerToken = "invalid bearer token";

    private volatile string? _issuer;

    /// <summary>The <c>iss</c> of every token. The default issuer is the server's own URL, whose port is known only
    /// once Kestrel listens, so it is set after start-up, before anyone learns the address.</summary>
    public string Issuer => _issuer ?? throw new InvalidOperationException("The service-account issuer is not set yet.");

    /// <summary>The API server's audiences (<c>--api-audiences</c>, which defaults to the issuer).</summary>
    public IReadOnlyList<string> ApiAudiences => [Issuer];

    public ServiceAccountKey Key { get; } = key;

    public void SetIssuer(string issuer) => _issuer = issuer;

    /// <summary>Serves <c>POST …/serviceaccounts/{name}/token</c>: the TokenRequest with its status filled in.</summary>
    public JsonObject Issue(string ns, string name, JsonObject request)
    {
        CheckKind(request, "TokenRequest");
        var metadata = request["metadata"] as JsonObject ?? [];
        if (metadata.GetString("name") is { Length: > 0 } bodyName && bodyName != name)
        {
            throw Invalid(name, new FieldError("FieldValueInvalid", "metadata.name", $"Invalid value: {Quote(bodyName)}: must match the service account name if specified"));
        }

        if (metadata.GetString("namespace") is { Length: > 0 } bodyNamespace && bodyNamespace != ns)
        {
            throw Invalid(name, new FieldError("FieldValueInvalid", "metadata.namespace", $"Invalid value: {Quote(bodyNamespace)}: must match the service account namespace if specified"));
        }

        var serviceAccount = reader.Get(BuiltInResources.ServiceAccounts, ns, name);
        var spec = request["spec"] as JsonObject ?? [];
        var audiences = spec.GetArray("audiences").Strings().ToList();
        if (audiences.Count == 0)
        {
            audiences = [.. ApiAudiences];
        }

        var expirationNode = spec["expirationSeconds"];
        long expirationSeconds;
        if (expirationNode is null)
        {
            expirationSeconds = DefaultExpirationSeconds;
        }
        else if (expirationNode.AsLong() is { } given)
        {
            expirationSeconds = given;
        }
        else
        {
            throw ApiErrors.BadRequest($"TokenRequest in version \"v1\" cannot be handled as a TokenRequest: json: cannot unmarshal {expirationNode.TypeName()} into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64");
        }

        if (expirationSeconds < MinExpirationSeconds)
        {
            throw Invalid(string.Empty, new FieldError("FieldValueInvalid", "spec.expirationSeconds", $"Invalid value: {expirationSeconds.ToString(CultureInfo.InvariantCulture)}: may not specify a duration less than 10 minutes"));
        }

        if (expirationSeconds > MaxExpirationSeconds)
        {
            throw Invalid(string.Empty, new FieldError("FieldValueInvalid", "spec.expirationSeconds", $"Invalid value: {expirationSeconds.ToString(CultureInfo.InvariantCulture)}: may not specify a duration larger than 2^32 seconds"));
        }

        var bound = spec["boundObjectRef"] as JsonObject;
        JsonObject? secretRef = null;
        if (bound is not null)
        {
            secretRef = BindSecret(ns, name, bound);
        }

        // Like the apiserver, cap silently at --service-account-max-token-expiration and say so in the spec.
        expirationSeconds = Math.Min(expirationSeconds, (long)maxExpiration.TotalSeconds);

        var now = DateTimeOffset.FromUnixTimeSeconds(timeProvider.GetUtcNow().ToUnixTimeSeconds());
        var expires = now.AddSeconds(expirationSeconds);
        var token = Key.Sign(Claims(serviceAccount, secretRef, audiences, now, expires));

        var resultSpec = new JsonObject { ["audiences"] = audiences.ToJsonArray(), ["expirationSeconds"] = expirationSeconds };
        if (bound is not null)
        {
            resultSpec["boundObjectRef"] = bound.DeepClone();
        }

        return new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = ApiVersion,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = JsonHelpers.FormatTime(now) },
            ["spec"] = resultSpec,
            ["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = JsonHelpers.FormatTime(expires) },
        };
    }

    /// <summary>Serves <c>POST /apis/authentication.k8s.io/v1/tokenreviews</c>: the TokenReview with its status.</summary>
    public JsonObject ReviewRequest(JsonObject request)
    {
        CheckKind(request, "TokenReview");
        var spec = request["spec"] as JsonObject ?? [];
        var token = spec.GetString("token");
        if (string.IsNullOrEmpty(token))
        {
            throw ApiErrors.BadRequest("token is required for TokenReview in authentication");
        }

        var audiences = spec.GetArray("audiences").Strings().ToList();
        var review = Review(token, audiences);
        var status = new JsonObject();
        if (review.Authenticated)
        {
            status["authenticated"] = true;
        }

        var user = new JsonObject();
        if (review.Authenticated)
        {
            user["username"] = review.Username;
            user["uid"] = review.Uid;
            user["groups"] = review.Groups.ToJsonArray();
            var extra = new JsonObject();
            foreach (var (name, values) in review.Extra)
            {
                extra[name] = values.ToJsonArray();
            }

            user["extra"] = extra;
        }

        status["user"] = user;
        if (review.Audiences.Count > 0)
        {
            status["audiences"] = review.Audiences.ToJsonArray();
        }

        if (review.Error is not null)
        {
            status["error"] = review.Error;
        }

        var metadata = new JsonObject { ["creationTimestamp"] = null };
        var result = new JsonObject
        {
            ["kind"] = "TokenReview",
            ["apiVersion"] = ApiVersion,
            ["metadata"] = metadata,
            ["spec"] = spec.DeepClone(),
            ["status"] = status,
        };
        return result;
    }

    /// <summary>Authenticates a token for the requested audiences (none: the API server's audiences).</summary>
    public ServiceAccountTokenReview Review(string token, IReadOnlyList<string>? requestedAudiences)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_issuer is null)
        {
            return Rejected(InvalidBearerToken);
        }

        var requested = requestedAudiences is { Count: > 0 } ? requestedAudiences : ApiAudiences;

        // jwt.go hasCorrectIssuer: a token that is not ours is not an error of this authenticator, so only the
        // bearer-token authenticator's default error remains.
        var check = Key.Verify(token, out var claims);
        if (check == JwsCheck.NotAJws || claims is null || !claims["iss"].IsString() || (string?)claims["iss"] != Issuer)
        {
            return Rejected(InvalidBearerToken);
        }

        if (check == JwsCheck.BadSignature)
        {
            return Rejected("go-jose/go-jose: error in cryptographic primitive");
        }

        var tokenAudiences = claims["aud"] switch
        {
            JsonArray array => array.Strings().ToList(),
            JsonValue value when value.IsString() => [value.GetValue<string>()],
            _ => [],
        };
        if (tokenAudiences.Count == 0)
        {
            // Legacy tokens without aud are valid for the API server's audiences only.
            tokenAudiences = [.. ApiAudiences];
        }

        var audiences = tokenAudiences.Where(requested.Contains).Distinct(StringComparer.Ordinal).ToList();
        if (audiences.Count == 0)
        {
            return Rejected($"token audiences {GoQuote(tokenAudiences)} is invalid for the target audiences {GoQuote(requested)}");
        }

        var now = timeProvider.GetUtcNow();
        if (NumericDate(claims["exp"]) is { } exp && now - s_leeway > exp)
        {
            return Rejected("service account token has expired");
        }

        if (NumericDate(claims["nbf"]) is { } nbf && now + s_leeway < nbf)
        {
            return Rejected("service account token is not valid yet");
        }

        if (NumericDate(claims["iat"]) is { } iat && now + s_leeway < iat)
        {
            return Rejected("service account token claims could not be validated due to unexpected validation error");
        }

        var kubernetes = claims["kubernetes.io"] as JsonObject;
        var ns = kubernetes.GetString("namespace") ?? string.Empty;
        var saName = kubernetes.GetObject("serviceaccount").GetString("name") ?? string.Empty;
        var saUid = kubernetes.GetObject("serviceaccount").GetString("uid") ?? string.Empty;
        JsonObject serviceAccount;
        try
        {
            serviceAccount = reader.Get(BuiltInResources.ServiceAccounts, ns, saName);
        }
        catch (ApiException notFound) when (notFound.Code == 404)
        {
            return Rejected(notFound.Message);
        }

        var saMetadata = serviceAccount.Metadata();
        if (DeletedBefore(saMetadata, now - s_leeway))
        {
            return Rejected($"service account {ns}/{saName} has been deleted");
        }

        var currentUid = saMetadata.GetString("uid") ?? string.Empty;
        if (currentUid != saUid)
        {
            return Rejected($"service account UID ({currentUid}) does not match claim ({saUid})");
        }

        if (kubernetes.GetObject("secret") is { } secretClaim && SecretInvalidation(ns, secretClaim, now - s_leeway) is { } secretError)
        {
            return Rejected(secretError);
        }

        var extra = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (claims.GetString("jti") is { Length: > 0 } jti)
        {
            extra["authentication.kubernetes.io/credential-id"] = ["JTI=" + jti];
        }

        return new ServiceAccountTokenReview
        {
            Authenticated = true,
            Username = $"system:serviceaccount:{ns}:{saName}",
            Uid = saUid,
            Groups = ["system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated"],
            Extra = extra,
            Audiences = audiences,
        };
    }

    private JsonObject Claims(JsonObject serviceAccount, JsonObject? secret, List<string> audiences, DateTimeOffset now, DateTimeOffset expires)
    {
        var metadata = serviceAccount.Metadata();
        var ns = metadata.GetString("namespace")!;
        var name = metadata.GetString("name")!;
        var kubernetes = new JsonObject { ["namespace"] = ns };
        if (secret is not null)
        {
            kubernetes["secret"] = new JsonObject { ["name"] = secret.Metadata().GetString("name"), ["uid"] = secret.Metadata().GetString("uid") };
        }

        kubernetes["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = metadata.GetString("uid") };

        // go-jose merges the public and private claims through a map, so the payload's keys come out sorted.
        return new JsonObject
        {
            ["aud"] = audiences.ToJsonArray(),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = kubernetes,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{ns}:{name}",
        };
    }

    /// <summary>token.go's boundObjectRef handling. Only Secrets can be bound here: there are no pods or nodes.</summary>
    private JsonObject BindSecret(string ns, string serviceAccount, JsonObject bound)
    {
        var apiVersion = bound.GetString("apiVersion") ?? string.Empty;
        var kind = bound.GetString("kind") ?? string.Empty;
        var refName = bound.GetString("name") ?? string.Empty;
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        JsonObject target;
        switch (kind)
        {
            case "Secret" when group.Length == 0:
                target = reader.Get(BuiltInResources.Secrets, ns, refName);
                break;
            case "Pod" when group.Length == 0:
                throw ApiErrors.NotFound(string.Empty, "pods", refName);
            case "Node" when group.Length == 0:
                throw ApiErrors.NotFound(string.Empty, "nodes", refName);
            default:
                throw ApiErrors.BadRequest($"cannot bind token for serviceaccount \"{serviceAccount}\" to object of type {group}/{version}, Kind={kind}");
        }

        var uid = bound.GetString("uid");
        if (!string.IsNullOrEmpty(uid) && uid != target.Metadata().GetString("uid"))
        {
            throw new ApiException(409, "Conflict",
                $"Operation cannot be fulfilled on Secret \"{refName}\": the UID in the bound object reference ({uid}) does not match the UID in record. The object might have been deleted and then recreated",
                ApiErrors.Details(string.Empty, "Secret", refName));
        }

        return target;
    }

    private string? SecretInvalidation(string ns, JsonObject claim, DateTimeOffset deletedBefore)
    {
        JsonObject secret;
        try
        {
            secret = reader.Get(BuiltInResources.Secrets, ns, claim.GetString("name") ?? string.Empty);
        }
        catch (ApiException notFound) when (notFound.Code == 404)
        {
            return "service account token has been invalidated";
        }

        if (DeletedBefore(secret.Metadata(), deletedBefore))
        {
            return "service account token has been invalidated";
        }

        var uid = secret.Metadata().GetString("uid");
        var claimed = claim.GetString("uid");
        return uid == claimed ? null : $"secret UID ({uid}) does not match service account secret ref claim ({claimed})";
    }

    private static bool DeletedBefore(JsonObject metadata, DateTimeOffset time) =>
        metadata.GetString("deletionTimestamp") is { } deleted
        && DateTimeOffset.TryParse(deleted, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
        && at < time;

    private static ServiceAccountTokenReview Rejected(string reason) => new()
    {
        // The request authenticator unions the bearer-token authenticator's default error with the reason, and
        // utilerrors.Aggregate drops the duplicate when there is no other reason.
        Error = reason == InvalidBearerToken ? reason : $"[{InvalidBearerToken}, {reason}]",
    };

    private static DateTimeOffset? NumericDate(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : node is JsonValue fractional && fractional.GetValueKind() == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeSeconds((long)fractional.GetValue<double>())
                : null;

    private static void CheckKind(JsonObject body, string kind)
    {
        var apiVersion = body.GetString("apiVersion");
        var bodyKind = body.GetString("kind");
        if ((apiVersion is { Length: > 0 } && apiVersion != ApiVersion) || (bodyKind is { Length: > 0 } && bodyKind != kind))
        {
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({ApiVersion})");
        }
    }

    private static ApiException Invalid(string name, FieldError error) => ApiErrors.Invalid(Group, "TokenRequest", name, [error]);

    private static string Quote(string value) => JsonValue.Create(value).ToJsonString();

    /// <summary>Go's <c>%q</c> of a string slice: <c>["a" "b"]</c>.</summary>
    private static string GoQuote(IEnumerable<string> values)
    {
        var builder = new StringBuilder("[");
        foreach (var value in values)
        {
            if (builder.Length > 1)
            {
                builder.Append(' ');
            }

            builder.Append('"').Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return builder.Append(']').ToString();
    }
}
