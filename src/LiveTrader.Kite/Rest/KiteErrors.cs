using System.Net;

namespace LiveTrader.Kite.Rest;

/// <summary>
/// Base of Kite's typed errors (kite-protocol.md §1.4–1.5): the server's <c>error_type</c>, message and HTTP status.
/// Messages come from the server and never contain our credentials.
/// </summary>
public class KiteException : Exception
{
    public KiteException(string message, string errorType, HttpStatusCode statusCode, Exception? inner = null)
        : base(message, inner)
    {
        ErrorType = errorType;
        StatusCode = statusCode;
    }

    /// <summary>Kite's <c>error_type</c> (e.g. <c>TokenException</c>).</summary>
    public string ErrorType { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>True for failures a retry may cure: HTTP 429 and 5xx.</summary>
    public bool IsTransient => (int)StatusCode == 429 || (int)StatusCode >= 500;

    /// <summary>Maps an error envelope to the matching exception type.</summary>
    public static KiteException Create(string? errorType, string? message, HttpStatusCode status)
    {
        message = string.IsNullOrWhiteSpace(message) ? $"Kite returned HTTP {(int)status}." : message;
        return errorType switch
        {
            "TokenException" => new TokenException(message, status),
            "PermissionException" => new PermissionException(message, status),
            "InputException" => new InputException(message, status),
            "OrderException" => new OrderException(message, status),
            "NetworkException" => new NetworkException(message, status),
            "DataException" => new DataException(message, status),
            "UserException" => new UserException(message, status),
            "MarginException" => new MarginException(message, status),
            "HoldingException" => new HoldingException(message, status),
            "TwoFAException" => new TokenException(message, status, "TwoFAException"),
            "GeneralException" => new GeneralException(message, status),
            _ => status switch
            {
                HttpStatusCode.Forbidden => new TokenException(message, status, errorType ?? "TokenException"),
                HttpStatusCode.BadRequest => new InputException(message, status, errorType ?? "InputException"),
                HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                    => new NetworkException(message, status, errorType ?? "NetworkException"),
                HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
                    => new DataException(message, status, errorType ?? "DataException"),
                _ => new GeneralException(message, status, errorType ?? "GeneralException"),
            },
        };
    }
}

/// <summary>
/// Session expired or invalid (HTTP 403): the user must log in again. Never retried; surfaces as
/// "login required".
/// </summary>
public sealed class TokenException(string message, HttpStatusCode status = HttpStatusCode.Forbidden, string errorType = "TokenException")
    : KiteException(message, errorType, status)
{
    public bool LoginRequired => true;
}

public sealed class PermissionException(string message, HttpStatusCode status = HttpStatusCode.Forbidden)
    : KiteException(message, "PermissionException", status);

public sealed class InputException(string message, HttpStatusCode status = HttpStatusCode.BadRequest, string errorType = "InputException")
    : KiteException(message, errorType, status);

public sealed class OrderException(string message, HttpStatusCode status = HttpStatusCode.InternalServerError)
    : KiteException(message, "OrderException", status);

/// <summary>API could not reach the OMS, or too many requests (HTTP 429).</summary>
public sealed class NetworkException(string message, HttpStatusCode status = HttpStatusCode.ServiceUnavailable, string errorType = "NetworkException")
    : KiteException(message, errorType, status);

public sealed class DataException(string message, HttpStatusCode status = HttpStatusCode.BadGateway, string errorType = "DataException")
    : KiteException(message, errorType, status);

public sealed class UserException(string message, HttpStatusCode status = HttpStatusCode.Forbidden)
    : KiteException(message, "UserException", status);

public sealed class MarginException(string message, HttpStatusCode status = HttpStatusCode.BadRequest)
    : KiteException(message, "MarginException", status);

public sealed class HoldingException(string message, HttpStatusCode status = HttpStatusCode.BadRequest)
    : KiteException(message, "HoldingException", status);

public sealed class GeneralException(string message, HttpStatusCode status = HttpStatusCode.InternalServerError, string errorType = "GeneralException")
    : KiteException(message, errorType, status);
