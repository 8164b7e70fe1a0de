using System.IO.Compression;
using System.Text;
using LiveTrader.Kite.Auth;
using LiveTrader.Kite.Rest;
using Microsoft.AspNetCore.Http;

namespace LiveTrader.Kite.Tests;

/// <summary>The REST client over real HTTP (Kestrel on 127.0.0.1) with its default handler.</summary>
public sealed class KiteRestOverHttpTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kite-login-").FullName;
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Csv =
        "instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange\n" +
        "256265,1001,NIFTY 50,\"NIFTY 50\",0,,0,0,0,EQ,INDICES,NSE\n" +
        "260105,1016,NIFTY BANK,\"NIFTY BANK\",0,,0,0,0,EQ,INDICES,NSE\n";

    [Fact]
    public async Task Login_flow_then_gzip_transfer_encoded_instrument_dump()
    {
        var requestForms = new List<string>();
        await using var host = await KestrelHost.StartAsync(async ctx =>
        {
            if (ctx.Request.Path == "/session/token" && ctx.Request.Method == "POST")
            {
                var form = await ctx.Request.ReadFormAsync();
                requestForms.Add(string.Join('&', form.Select(f => $"{f.Key}={f.Value}")));
                if (form["checksum"] != KiteLogin.Checksum("simkey", "rt-1", "sim-secret"))
                {
                    ctx.Response.StatusCode = 403;
                    await ctx.Response.WriteAsync("""{"status":"error","message":"Invalid checksum","error_type":"TokenException"}""");
                    return;
                }
                ctx.Response.ContentType = "application/json";
                await ctx.Response.WriteAsync("""{"status":"success","data":{"user_id":"SIM1","api_key":"simkey","access_token":"fresh-access-token-9","login_time":"2026-03-02 08:50:00"}}""");
                return;
            }
            if (ctx.Request.Headers.Authorization != "token simkey:fresh-access-token-9" || ctx.Request.Headers["X-Kite-Version"] != "3")
            {
                ctx.Response.StatusCode = 403;
                await ctx.Response.WriteAsync("""{"status":"error","message":"Incorrect `api_key` or `access_token`.","error_type":"TokenException"}""");
                return;
            }
            ctx.Response.ContentType = "text/csv";
            ctx.Response.Headers.ContentEncoding = "gzip";
            await using var gz = new GZipStream(ctx.Response.Body, CompressionLevel.Fastest, leaveOpen: true);
            await gz.WriteAsync(Encoding.UTF8.GetBytes(Csv));
        });

        using var client = new KiteRestClient(new KiteCredentials("simkey", null), new KiteRestOptions { BaseUri = host.BaseUri });
        var tokenFile = Path.Combine(_dir, "token.json");
        var creds = await KiteLoginFlow.CompleteAsync(client,
            new Uri("http://127.0.0.1:5080/kite/callback?request_token=rt-1&action=login&status=success"), "sim-secret", tokenFile);
        Assert.Equal("fresh-access-token-9", creds.AccessToken);
        Assert.Equal(CredentialSource.LoginFlow, creds.Source);
        Assert.Single(requestForms);
        Assert.DoesNotContain("sim-secret", requestForms[0]);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));
        var resolved = KiteCredentialStore.Resolve(new KiteCredentialOptions { TokenFile = tokenFile }, _ => null,
            now: new DateTimeOffset(2026, 3, 2, 12, 0, 0, KiteTime.IstOffset));
        Assert.Equal("fresh-access-token-9", resolved!.AccessToken);

        var instruments = await client.GetInstrumentsAsync();
        Assert.Equal(["NIFTY 50", "NIFTY BANK"], instruments.Select(i => i.Name).ToArray());

        await Assert.ThrowsAsync<InputException>(() => KiteLoginFlow.CompleteAsync(client, new Uri("http://x/cb?status=cancelled"), "s", null));
    }
}
