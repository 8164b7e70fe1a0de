namespace LiveTrader.Core.Pricing;

/// <summary>The standard normal distribution function. .NET has no erf, and the short
/// Abramowitz-Stegun formula (error 1e-7) is off by about 0.003 rupees on a SENSEX-sized spot,
/// enough to flip a tick rounding; Hart's 1968 rational approximation (as given by G. West,
/// "Better approximations to cumulative normal functions", 2005) is accurate to double precision.</summary>
internal static class StandardNormal
{
    public static double Cdf(double x)
    {
        var z = Math.Abs(x);
        double tail;
        if (z > 37) tail = 0;
        else
        {
            var e = Math.Exp(-z * z / 2);
            if (z < 7.07106781186547)
            {
                var num = 3.52624965998911E-02 * z + 0.700383064443688;
                num = num * z + 6.37396220353165;
                num = num * z + 33.912866078383;
                num = num * z + 112.079291497871;
                num = num * z + 221.213596169931;
                num = num * z + 220.206867912376;
                var den = 8.83883476483184E-02 * z + 1.75566716318264;
                den = den * z + 16.064177579207;
                den = den * z + 86.7807322029461;
                den = den * z + 296.564248779674;
                den = den * z + 637.333633378831;
                den = den * z + 793.826512519948;
                den = den * z + 440.413735824752;
                tail = e * num / den;
            }
            else
            {
                var f = z + 0.65;
                f = z + 4 / f;
                f = z + 3 / f;
                f = z + 2 / f;
                f = z + 1 / f;
                tail = e / f / 2.506628274631;
            }
        }
        return x > 0 ? 1 - tail : tail;
    }
}
