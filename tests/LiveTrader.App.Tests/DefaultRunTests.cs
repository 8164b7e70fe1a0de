using System.Net.Http.Json;
using System.Text.Json;
using LiveTrader.App.Web;

namespace LiveTrader.App.Tests;

/// <summary><c>dotnet run --project src/LiveTrader.App</c> with no arguments: the Live Trader page,
/// whose Start paper-trades the built-in simulator, with nothing to configure.</summary>
public sealed class DefaultRunTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_default_address_is_loopback_port_5080()
    {
        var (exit, output, _) = AppProcess.Run(_temp.Path, null, "--help");
        Assert.Equal(0, exit);
        Assert.Contains(WebApp.DefaultUrl, output);
        Assert.Equal("http://127.0.0.1:5080", WebApp.DefaultUrl);
    }

    [Fact]
    public async Task With_no_command_the_page_is_served_and_a_paper_session_runs_on_the_simulator()
    {
        // Port 0 so a developer's own server on 5080 cannot fail the test; everything else is the default run.
        using var process = AppProcess.Start(_temp.Path, "--urls", "http://127.0.0.1:0");
        try
        {
            string? address = null;
            while (address is null)
            {
                var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2))
                    ?? throw new EndOfStreamException("the app ended before saying where it listens: " + await process.StandardError.ReadToEndAsync());
                const string prefix = "Live Trader listening on ";
                if (line.StartsWith(prefix, StringComparison.Ordinal)) address = line[prefix.Length..];
            }
            Assert.StartsWith("http://127.0.0.1:", address);
            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(1) };
            Assert.Contains("<title>Live Trader</title>", await http.GetStringAsync("/"));

            using var start = new HttpRequestMessage(HttpMethod.Post, "/api/session/start") { Content = JsonContent.Create(new { speed = 600 }) };
            start.Headers.Add(WebSecurity.CsrfHeader, WebSecurity.CsrfValue);
            var started = await http.SendAsync(start);
            Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());

            JsonElement status = default;
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline)
            {
                status = await http.GetFromJsonAsync<JsonElement>("/api/session/status");
                if (status.GetProperty("feedStatus").GetString() == "connected"
                    && status.GetProperty("segments").EnumerateArray().All(s => s.GetProperty("status").GetString() != "IDLE")) break;
                await Task.Delay(200);
            }
            Assert.Equal("connected", status.GetProperty("feedStatus").GetString());
            Assert.Equal("sim", status.GetProperty("feedKind").GetString());
            Assert.Equal("PAPER", status.GetProperty("mode").GetString());
            Assert.Equal(["NIFTY", "BANKNIFTY", "SENSEX"], status.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("segment").GetString()!));
            Assert.True(Directory.Exists(Path.Combine(_temp.Path, "out", "recordings")), "the session records its inputs in the default output folder");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
