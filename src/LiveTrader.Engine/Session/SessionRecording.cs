using System.Text.Json;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;
using LiveTrader.Engine.Data;

namespace LiveTrader.Engine.Session;

/// <summary>What a replay needs to know of the session: its segment, its fill model's terms and its
/// mode (a live session's answers are in the recording; a paper one's come from the simulated venue).</summary>
public sealed record RecordingHeader(Segment Segment, double StaleQuoteSeconds, int SlippageTicks, string Mode = PaperSession.PaperMode);

/// <summary>The instrument dump's answer to one contract request, recorded because the dump of a
/// past day cannot be fetched again.</summary>
public sealed record ContractAnswer(OptionType Type, decimal Spot, DateTimeOffset Time, OptionContract? Contract, string? Refusal);

/// <summary>One line of a recording: the header, an input, or a contract answer.</summary>
public sealed record RecordingLine(RecordingHeader? Header = null, AgentInput? Input = null, ContractAnswer? Answer = null);

/// <summary>Writes a segment's session as JSON lines: every input in the order the agent handled it,
/// and each contract answer where it was given. <c>backtest --ticks</c> replays it.</summary>
public sealed class SessionRecorder : IDisposable
{
    private static readonly JsonSerializerOptions Json = new();
    private readonly StreamWriter _writer;
    private readonly Lock _lock = new();

    public SessionRecorder(string path, RecordingHeader header)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var cutShort = EndsMidLine(path);
        _writer = new StreamWriter(path, append: true) { NewLine = "\n", AutoFlush = true };
        // A process killed mid-write left half a line: end it, so this session's header starts a line of its own.
        if (cutShort) _writer.WriteLine();
        Write(new RecordingLine(Header: header));
    }

    public static string FileName(Segment segment, DateOnly day) => $"ticks_{segment}_{day:yyyy-MM-dd}.jsonl";

    public void Record(AgentInput input) => Write(new RecordingLine(Input: input));

    public void Record(ContractAnswer answer) => Write(new RecordingLine(Answer: answer));

    public void Dispose() => _writer.Dispose();

    private void Write(RecordingLine line)
    {
        lock (_lock) _writer.WriteLine(JsonSerializer.Serialize(line, Json));
    }

    /// <summary>The recording's lines. A line a killed process left half-written (the file's last line,
    /// or the one a restarted session's header follows) is left out and told to <paramref name="cutShort"/>,
    /// as the journal never committed the step it began; any other line that is not a recording line
    /// (garbage in the middle, binary, a line past the limit) is refused naming the file and line.</summary>
    public static IEnumerable<RecordingLine> Read(string path, Action<string>? cutShort = null)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > TextLimits.Recording.MaxBytes)
            throw new InputFileException(path, null, null, $"the file is larger than {TextLimits.Recording.MaxSize}, the most a recording may hold");
        var endsMidLine = EndsMidLine(path);
        using var reader = new BoundedTextReader(new StreamReader(path), path, TextLimits.Recording);
        (int Number, string Text, RecordingLine? Line, string? Problem)? held = null;
        var number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            if (text.Length == 0) continue;
            var (line, problem) = Parse(text);
            if (held is { } h)
            {
                if (h.Problem is null) yield return h.Line!;
                else if (line?.Header is not null) cutShort?.Invoke(CutShort(path, h.Number, "before the restarted session's header"));
                else throw new InputFileException(path, h.Number, null, h.Problem);
            }
            held = (number, text, line, problem);
        }
        if (held is not { } last) yield break;
        if (last.Problem is null) yield return last.Line!;
        else if (endsMidLine) cutShort?.Invoke(CutShort(path, last.Number, "at the end of the file"));
        else throw new InputFileException(path, last.Number, null, last.Problem);
    }

    private static (RecordingLine? Line, string? Problem) Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<RecordingLine>(text, Json) is { } line ? (line, null) : (null, "empty recording line");
        }
        // A line cut short can stop before its input's type name, which the serializer reports as NotSupported.
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return (null, $"not a recording line ({Excerpt.Of(text)}): {Excerpt.Of(e.Message)}");
        }
    }

    private static string CutShort(string path, int line, string where) =>
        $"{path}:{line}: a line cut short (the process was stopped while writing it) {where} is left out; the journal never committed its step";

    private static bool EndsMidLine(string path)
    {
        if (!File.Exists(path)) return false;
        using var file = File.OpenRead(path);
        if (file.Length == 0) return false;
        file.Seek(-1, SeekOrigin.End);
        return file.ReadByte() != '\n';
    }
}

/// <summary>Passes contract requests to the real selector and records each answer.</summary>
public sealed class RecordingContractSelector(IContractSelector inner, SessionRecorder recorder) : IContractSelector
{
    public OptionContract? Select(OptionType type, decimal spot, DateTimeOffset time, out string? refusal)
    {
        var contract = inner.Select(type, spot, time, out refusal);
        recorder.Record(new ContractAnswer(type, spot, time, contract, refusal));
        return contract;
    }
}

/// <summary>Gives a replayed agent the answers the recorded session got, in the same order.</summary>
public sealed class ReplayContractSelector(Queue<ContractAnswer> answers, string file) : IContractSelector
{
    public OptionContract? Select(OptionType type, decimal spot, DateTimeOffset time, out string? refusal)
    {
        if (!answers.TryDequeue(out var answer) || answer.Type != type || answer.Spot != spot || answer.Time != time)
            throw new InputFileException(file, null, null,
                $"the replay asked for a {type} contract at {spot} at {Ist.Format(time)} that the recording did not answer; was it made with another configuration?");
        refusal = answer.Refusal;
        return answer.Contract;
    }
}
