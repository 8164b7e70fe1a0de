using System.Text.Json;
using LiveTrader.Core.Instruments;
using LiveTrader.Core.Market;
using LiveTrader.Core.Trading;

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
        _writer = new StreamWriter(path, append: true) { NewLine = "\n", AutoFlush = true };
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

    public static IEnumerable<RecordingLine> Read(string path)
    {
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (text.Length == 0) continue;
            RecordingLine? line;
            try
            {
                line = JsonSerializer.Deserialize<RecordingLine>(text, Json);
            }
            // A line cut short can stop before its input's type name, which the serializer reports as NotSupported.
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                throw new Data.InputFileException(path, number, null, $"not a recording line: {e.Message}");
            }
            if (line is null) throw new Data.InputFileException(path, number, null, "empty recording line");
            yield return line;
        }
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
            throw new Data.InputFileException(file, null, null,
                $"the replay asked for a {type} contract at {spot} at {Ist.Format(time)} that the recording did not answer; was it made with another configuration?");
        refusal = answer.Refusal;
        return answer.Contract;
    }
}
