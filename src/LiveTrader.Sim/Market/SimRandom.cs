namespace LiveTrader.Sim.Market;

/// <summary>Small deterministic generator (SplitMix64) plus stateless hashing, so a seed fully fixes the market on
/// every platform and .NET version (System.Random's algorithm is not a documented contract).</summary>
internal sealed class SimRandom
{
    private ulong _state;

    public SimRandom(ulong seed) => _state = seed;

    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Hash of several values, for stateless per-(token, second, level) noise.</summary>
    public static ulong Hash(ulong a, ulong b = 0, ulong c = 0, ulong d = 0) => Mix(Mix(Mix(Mix(a) ^ b) ^ c) ^ d);

    /// <summary>Uniform in [0, 1) from a hash.</summary>
    public static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    public ulong NextULong() => Mix(_state += 0x9E3779B97F4A7C15UL);

    public double NextDouble() => Unit(NextULong());

    /// <summary>Standard normal (Box-Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
