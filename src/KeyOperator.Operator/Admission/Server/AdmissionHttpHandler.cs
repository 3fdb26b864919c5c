// Copyright (c) KeyOperator contributors. Licensed under the Apache License, Version 2.0.

using System.Buffers;
using System.Text.Json;
using KeyOperator.Operator.Admission.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyOperator.Operator.Admission.Server;

/// <summary>
/// HTTP side of the webhook: size limit, envelope checks, then the reviewer. Envelope errors (not JSON, not an
/// admission.k8s.io/v1 AdmissionReview, no uid) get 400 with a plain-text reason, because there is no uid to answer
/// to; a body over the limit gets 413; everything else gets 200 with an AdmissionReview.
/// </summary>
internal sealed partial class AdmissionHttpHandler(
    AdmissionReviewer reviewer,
    IOptions<AdmissionOptions> options,
    ILogger<AdmissionHttpHandler> logger)
{
    private readonly long _maxBodyBytes = options.Value.MaxRequestBodyBytes;

    public async Task HandleAsync(HttpContext context, string group, string version, string kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        CancellationToken cancellationToken = context.RequestAborted;
        if (!context.Request.IsHttps)
        {
            await PlainAsync(context, StatusCodes.Status400BadRequest, "admission reviews are only served over HTTPS").ConfigureAwait(false);
            return;
        }

        if (context.Request.ContentType is { } contentType &&
            !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await PlainAsync(context, StatusCodes.Status415UnsupportedMediaType, "expected Content-Type application/json").ConfigureAwait(false);
            return;
        }

        byte[]? body = await ReadBodyAsync(context.Request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            Log.TooLarge(logger, _maxBodyBytes);
            await PlainAsync(context, StatusCodes.Status413PayloadTooLarge, $"request body is larger than {_maxBodyBytes} bytes").ConfigureAwait(false);
            return;
        }

        if (!AdmissionReviewReader.TryRead(body, out AdmissionRequest? request, out string error))
        {
            Log.BadEnvelope(logger, error);
            await PlainAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        AdmissionVerdict verdict;
        try
        {
            verdict = await reviewer.ReviewAsync(group, version, kind, request!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The reviewer already turns what it expects into denials; this is the last line, so that the apiserver
            // gets an answer naming the request rather than a bare 500.
            Log.Unexpected(logger, request!.Uid, ex);
            verdict = AdmissionVerdict.Deny(StatusCodes.Status500InternalServerError, "InternalError", "the webhook failed to evaluate this request");
        }

        Log.Decided(logger, request!.Kind, request.Namespace, request.Name, request.OperationText, request.DryRun, verdict.Allowed, request.Uid);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(
            context.Response.Body,
            AdmissionReviewResponse.From(request.Uid, verdict),
            AdmissionJsonContext.Default.AdmissionReviewResponse,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the body, or returns null as soon as it exceeds the limit (without buffering the rest).</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > _maxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _maxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static async Task PlainAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (statusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The rest of the body is never read; closing beats draining megabytes we will not use.
            context.Response.Headers.Connection = "close";
        }

        await context.Response.WriteAsync(message + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(7141, LogLevel.Debug, "Admission {Operation} {Kind} {Namespace}/{Name} dryRun={DryRun}: allowed={Allowed} (uid {Uid})", EventName = "AdmissionDecided")]
        public static partial void Decided(ILogger logger, string kind, string @namespace, string name, string operation, bool dryRun, bool allowed, string uid);

        [LoggerMessage(7142, LogLevel.Warning, "Rejected an admission request: {Error}", EventName = "AdmissionEnvelopeRejected")]
        public static partial void BadEnvelope(ILogger logger, string error);

        [LoggerMessage(7144, LogLevel.Error, "Admission request {Uid} failed unexpectedly", EventName = "AdmissionUnexpectedFailure")]
        public static partial void Unexpected(ILogger logger, string uid, Exception exception);

        [LoggerMessage(7143, LogLevel.Warning, "Rejected an admission request larger than {Limit} bytes", EventName = "AdmissionBodyTooLarge")]
        public static partial void TooLarge(ILogger logger, long limit);
    }
}
