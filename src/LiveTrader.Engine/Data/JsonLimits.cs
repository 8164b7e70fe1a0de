using System.Text.Json;

namespace LiveTrader.Engine.Data;

/// <summary>The shape a JSON input (a request body, a configuration file) may have: at most
/// <see cref="MaxKeys"/> keys in any one object, checked token by token before a binder builds
/// anything from it, so a body of a few KB holding thousands of keys costs a scan, not a dictionary.
/// Deeper nesting than <see cref="MaxDepth"/> is left to the parser, which refuses it with its position.</summary>
public static class JsonLimits
{
    /// <summary>The widest object LiveTrader reads, a segment's settings, has under 40 keys.</summary>
    public const int MaxKeys = 256;

    /// <summary>The deepest, a charge-rate row in the configuration, is 4 levels down.</summary>
    public const int MaxDepth = 16;

    /// <summary>What is over a limit, with its line and position, or null when nothing is (JSON that is
    /// not well formed is left to the parser, which says where).</summary>
    public static string? Problem(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var keys = new Stack<int>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        keys.Push(0);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        keys.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        var count = keys.Pop() + 1;
                        if (count > MaxKeys) return At(json, reader.TokenStartIndex, $"an object with more than {MaxKeys} keys, the most LiveTrader reads");
                        keys.Push(count);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    private static string At(ReadOnlySpan<byte> json, long index, string problem)
    {
        var before = json[..(int)index];
        var line = before.Count((byte)'\n') + 1;
        var position = index - before.LastIndexOf((byte)'\n');
        return $"line {line}, position {position}: {problem}";
    }
}
