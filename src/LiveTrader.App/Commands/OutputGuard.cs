namespace LiveTrader.App.Commands;

/// <summary>The one rule every command checks before it writes anything: an output never is, or lies
/// inside, one of the run's inputs (a candle file, a recording, the configuration), and an output
/// folder never holds an input under a name the run writes. Paths are compared after following
/// symbolic links, so a link to the candle file is the candle file.</summary>
public static class OutputGuard
{
    /// <summary>An input path and the option that named it (e.g. <c>--candles</c>).</summary>
    public readonly record struct Input(string Option, string? Path);

    public static IEnumerable<Input> Inputs(string option, IEnumerable<string?> paths) => paths.Select(p => new Input(option, p));

    /// <summary>An output file: refused when it is an input or lies inside an input folder.</summary>
    public static void File(string option, string output, IEnumerable<Input> inputs)
    {
        var target = RealPath(output);
        foreach (var input in inputs)
        {
            if (string.IsNullOrWhiteSpace(input.Path)) continue;
            var source = RealPath(input.Path);
            if (Same(target, source))
                throw new UsageError($"{option}: {output} is the {input.Option} input; writing it would destroy it (choose another output)");
            if (Inside(target, source))
                throw new UsageError($"{option}: {output} lies inside the {input.Option} input {input.Path}; choose an output outside it");
        }
    }

    /// <summary>An output folder: refused when it is an input, lies inside an input folder, or holds an
    /// input under a name the run writes (<paramref name="writes"/>, given the path relative to the folder).</summary>
    public static void Folder(string option, string folder, Func<string, bool> writes, IEnumerable<Input> inputs)
    {
        var target = RealPath(folder);
        foreach (var input in inputs)
        {
            if (string.IsNullOrWhiteSpace(input.Path)) continue;
            var source = RealPath(input.Path);
            if (Same(target, source))
                throw new UsageError($"{option}: {folder} is the {input.Option} input; choose another output folder");
            if (Inside(target, source))
                throw new UsageError($"{option}: {folder} lies inside the {input.Option} input {input.Path}; choose an output folder outside it");
            if (Inside(source, target) && writes(Path.GetRelativePath(target, source).Replace('\\', '/')))
                throw new UsageError($"{option}: the run would write over the {input.Option} input {input.Path}; move it or choose another output folder");
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, Comparison);

    /// <summary>True when <paramref name="path"/> lies strictly below <paramref name="folder"/>.</summary>
    private static bool Inside(string path, string folder)
    {
        var prefix = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, Comparison);
    }

    private static StringComparison Comparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The absolute path with every symbolic link on the way followed (as far as the path exists).</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (!info.Exists || info.LinkTarget is null) continue;
            try
            {
                var resolved = info.ResolveLinkTarget(returnFinalTarget: true);
                if (resolved is not null) current = Path.GetFullPath(resolved.FullName);
            }
            catch (IOException)
            {
                // A link loop: keep the link's own path.
            }
        }
        return Path.TrimEndingDirectorySeparator(current);
    }
}
