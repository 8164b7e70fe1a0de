namespace LiveTrader.App.Web;

/// <summary>The one shape of every refusal on the web API: <c>{ message, field }</c> (field null when
/// the refusal is about no one field), plus the page's older keys (<c>error</c>, or <c>errors</c> with
/// every bad field) so it can still show a message beside each field.</summary>
public static class ApiError
{
    public static object Body(string message, string? field = null) => new { message, field, error = message };

    public static object Fields(IReadOnlyDictionary<string, string> errors)
    {
        var first = errors.FirstOrDefault();
        return new { message = errors.Count == 0 ? "refused" : $"{first.Key}: {first.Value}", field = errors.Count == 0 ? null : first.Key, errors };
    }

    /// <summary>Wraps every request: a body the binder refuses (malformed JSON, a wrong type) answers
    /// 400 with the JSON path, line and position; anything unexpected is logged with its stack and
    /// answers 500 with a short message, never a stack trace.</summary>
    public static async Task Guard(HttpContext context, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var json = e.InnerException as System.Text.Json.JsonException;
            var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            var message = json is null ? Printable(e.Message)
                : $"malformed JSON at line {(json.LineNumber ?? 0) + 1}, position {(json.BytePositionInLine ?? 0) + 1}{(field is null ? "" : $" (field {field})")}";
            context.Response.StatusCode = e.StatusCode;
            await context.Response.WriteAsJsonAsync(Body(message, field));
        }
        catch (Exception e) when (!context.Response.HasStarted && Feeds.LoginRequired.Is(e))
        {
            // Every morning's expired token, on whichever endpoint first meets it: not a failure to log.
            await Feeds.LoginRequired.Answer(context.RequestServices.GetRequiredService<Feeds.KiteAccount>(), e).ExecuteAsync(context);
        }
        catch (Engine.Data.InputFileException e) when (!context.Response.HasStarted)
        {
            // A broken file on disk (a damaged journal.db, a recording garbled mid-file) fails only the
            // request that read it, naming the file; every other endpoint keeps answering.
            context.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await context.Response.WriteAsJsonAsync(Body(Printable(e.Message), e.Field));
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LiveTrader.Web")
                .LogError(e, "Unexpected failure on {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsJsonAsync(Body("unexpected server error (logged with its details on the server)"));
        }
    }

    /// <summary>At most 400 printable characters of a message that may quote input (the file it names and what is wrong fit).</summary>
    public static string Printable(string text)
    {
        var clean = new string(text.Select(c => char.IsControl(c) ? '?' : c).Take(400).ToArray());
        return text.Length > 400 ? clean + "..." : clean;
    }
}
