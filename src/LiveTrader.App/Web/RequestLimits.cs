namespace LiveTrader.App.Web;

/// <summary>The bounds of every request the page's API reads: a body of at most <see cref="MaxBodyBytes"/>
/// (checked on its declared length, else while it is read, so a chunked body cannot stream on for
/// ever), JSON nested at most <see cref="MaxJsonDepth"/> deep and no object of more than
/// <see cref="Engine.Data.JsonLimits.MaxKeys"/> keys, checked on the body's tokens before a binder sees it.</summary>
public static class RequestLimits
{
    /// <summary>The page's largest request, a backtest with every parameter, is under 2 KB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The page's requests nest two deep (files.NIFTY); 16 leaves room and refuses a bomb.</summary>
    public const int MaxJsonDepth = Engine.Data.JsonLimits.MaxDepth;

    public static async Task Guard(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await TooLarge(context);
            return;
        }
        if (request.ContentLength > 0 || (request.ContentLength is null && (request.Headers.TransferEncoding.Count > 0 || HttpMethods.IsPost(request.Method))))
        {
            // Read at most one byte past the limit into memory, and refuse beyond it (a chunked body declares no length).
            var body = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (body.Length + read > MaxBodyBytes)
                {
                    await TooLarge(context);
                    return;
                }
                body.Write(chunk, 0, read);
            }
            if (Engine.Data.JsonLimits.Problem(body.GetBuffer().AsSpan(0, (int)body.Length)) is { } problem)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(ApiError.Body($"the request body is refused at {problem}"));
                return;
            }
            body.Position = 0;
            request.Body = body;
        }
        await next();
    }

    private static Task TooLarge(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return context.Response.WriteAsJsonAsync(ApiError.Body($"the request body is larger than {MaxBodyBytes / 1024} KB, the most this API reads"));
    }
}
