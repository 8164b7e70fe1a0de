namespace LiveTrader.Engine.Data;

/// <summary>Reads a text file through its <see cref="TextLimits"/>: a line longer than the limit, more
/// characters than the file may hold, or a NUL (a binary file, not text) stops the read at once with
/// the file and line named, before a parser above it can gather the bad line into memory.</summary>
public sealed class BoundedTextReader(TextReader inner, string name, TextLimits limits) : TextReader
{
    private int _line = 1;
    private int _lineLength;
    private long _read;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0) Check((char)c);
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var n = inner.Read(buffer);
        foreach (var c in buffer[..n]) Check(c);
        return n;
    }

    public override int ReadBlock(char[] buffer, int index, int count) => ReadBlock(buffer.AsSpan(index, count));

    public override int ReadBlock(Span<char> buffer)
    {
        var total = 0;
        int n;
        while (total < buffer.Length && (n = Read(buffer[total..])) > 0) total += n;
        return total;
    }

    private void Check(char c)
    {
        if (++_read > limits.MaxBytes)
            throw new InputFileException(name, _line, null, $"the file is larger than {limits.MaxSize}, the most {limits.Kind} may hold");
        if (c == '\0')
            throw new InputFileException(name, _line, null, $"a NUL character: this is {limits.Binary}");
        if (c == '\n')
        {
            _line++;
            _lineLength = 0;
        }
        else if (++_lineLength > limits.MaxLineLength)
            throw new InputFileException(name, _line, null, $"the line is longer than {limits.MaxLineLength} characters");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
