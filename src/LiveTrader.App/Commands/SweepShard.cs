namespace LiveTrader.App.Commands;

/// <summary>Which sets of the grid this process runs: set i belongs to shard i mod N.</summary>
public sealed record SweepShard(int Index, int Count)
{
    public static readonly SweepShard Whole = new(0, 1);

    public bool Owns(int point) => point % Count == Index;

    public string Describe() => Count == 1 ? "" : $" (shard {Index}/{Count})";

    /// <summary><c>--shard K/N</c>, or K from Kubernetes' JOB_COMPLETION_INDEX or Slurm's SLURM_ARRAY_TASK_ID with <c>--shards N</c>.</summary>
    public static SweepShard Resolve(string? shard, int? count, Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        if (shard is not null)
        {
            var parts = shard.Split('/');
            if (parts.Length != 2 || !int.TryParse(parts[0], out var k) || !int.TryParse(parts[1], out var n) || n < 1 || k < 0 || k >= n)
                throw new UsageError($"--shard: '{shard}' is not K/N with 0 <= K < N");
            return new SweepShard(k, n);
        }
        if (count is null) return Whole;
        if (count < 1) throw new UsageError($"--shards: {count} is not a positive count");
        var text = env("JOB_COMPLETION_INDEX") ?? env("SLURM_ARRAY_TASK_ID")
            ?? throw new UsageError("--shards: neither JOB_COMPLETION_INDEX nor SLURM_ARRAY_TASK_ID is set (or give --shard K/N)");
        if (!int.TryParse(text, out var index) || index < 0 || index >= count)
            throw new UsageError($"shard index '{text}' from the environment is not between 0 and {count - 1}");
        return new SweepShard(index, count.Value);
    }
}
