namespace LiveTrader.Engine.Data;

/// <summary>A refused input file. The message always names the file, and the line and field when
/// the fault is in one row, so a trader can open the file and fix it.</summary>
public sealed class InputFileException : Exception
{
    public string File { get; }
    public int? Line { get; }
    public string? Field { get; }

    public InputFileException(string file, int? line, string? field, string problem)
        : base(Describe(file, line, field, problem))
    {
        File = file;
        Line = line;
        Field = field;
    }

    private static string Describe(string file, int? line, string? field, string problem)
    {
        var where = line is int l ? $"{file}:{l}" : file;
        return field is null ? $"{where}: {problem}" : $"{where}: field '{field}': {problem}";
    }
}
