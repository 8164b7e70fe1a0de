using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LiveTrader.App.Tests;

/// <summary>Reads the year run's workbook with the Open XML SDK (not MiniExcel, which wrote it), so
/// the checks are what Excel itself would see.</summary>
public sealed class BacktestWorkbookTests(YearRunFixture year) : IClassFixture<YearRunFixture>
{
    private sealed class Sheet
    {
        public required string Name { get; init; }
        public required List<Dictionary<string, Cell>> Rows { get; init; }
        public required string[] Header { get; init; }
    }

    private sealed class Book : IDisposable
    {
        private readonly SpreadsheetDocument doc;
        public Dictionary<string, Sheet> Sheets { get; } = new();
        public string[] SheetNames { get; }
        private readonly SharedStringTable? shared;
        private readonly CellFormats formats;
        private readonly NumberingFormats? numFmts;

        public Book(string path)
        {
            doc = SpreadsheetDocument.Open(path, false);
            var wb = doc.WorkbookPart!;
            shared = wb.SharedStringTablePart?.SharedStringTable;
            formats = wb.WorkbookStylesPart!.Stylesheet.CellFormats!;
            numFmts = wb.WorkbookStylesPart!.Stylesheet.NumberingFormats;
            var sheets = wb.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
            SheetNames = sheets.Select(s => s.Name!.Value!).ToArray();
            foreach (var s in sheets)
            {
                var part = (WorksheetPart)wb.GetPartById(s.Id!);
                var rows = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
                var headerCells = rows[0].Elements<Cell>().ToList();
                var header = headerCells.Select(Text).ToArray();
                var columnOf = headerCells.Select((c, i) => (Column(c.CellReference!), header[i])).ToDictionary(x => x.Item1, x => x.Item2);
                var data = rows.Skip(1).Select(r => r.Elements<Cell>().ToDictionary(c => columnOf[Column(c.CellReference!)], c => c)).ToList();
                Sheets[s.Name!.Value!] = new Sheet { Name = s.Name!.Value!, Header = header, Rows = data };
            }
        }

        private static string Column(string reference) => new(reference.TakeWhile(char.IsLetter).ToArray());

        public bool IsString(Cell c) =>
            c.DataType?.Value == CellValues.SharedString || c.DataType?.Value == CellValues.String || c.DataType?.Value == CellValues.InlineString;

        public bool IsNumber(Cell c) => (c.DataType is null || c.DataType.Value == CellValues.Number)
            && double.TryParse(c.CellValue?.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

        public string Text(Cell c)
        {
            if (c.DataType?.Value == CellValues.SharedString) return shared!.ElementAt(int.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)).InnerText;
            if (c.DataType?.Value == CellValues.InlineString) return c.InlineString!.InnerText;
            return c.CellValue?.Text ?? "";
        }

        public double Number(Cell c) => double.Parse(c.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);

        /// <summary>The number format code applied to the cell (built-in ids resolved to their codes).</summary>
        public string FormatCode(Cell c)
        {
            var xf = (CellFormat)formats.ElementAt((int)(c.StyleIndex?.Value ?? 0));
            var id = xf.NumberFormatId?.Value ?? 0;
            var custom = numFmts?.Elements<NumberingFormat>().FirstOrDefault(n => n.NumberFormatId?.Value == id);
            if (custom is not null) return custom.FormatCode!.Value!;
            return id switch
            {
                14 => "m/d/yyyy", 15 => "d-mmm-yy", 16 => "d-mmm", 17 => "mmm-yy", 18 => "h:mm AM/PM", 19 => "h:mm:ss AM/PM",
                20 => "h:mm", 21 => "h:mm:ss", 22 => "m/d/yyyy h:mm", 0 => "General",
                _ => $"builtin {id}",
            };
        }

        public static bool IsDateFormat(string code) =>
            code.Contains('y', StringComparison.OrdinalIgnoreCase) && code.Contains('d', StringComparison.OrdinalIgnoreCase);

        public static bool ShowsTime(string code) => code.Contains('h', StringComparison.OrdinalIgnoreCase);

        public void Dispose() => doc.Dispose();
    }

    [Fact]
    public void Workbook_has_the_four_sheets_with_the_trade_log_columns()
    {
        using var book = new Book(year.Workbook);
        Assert.Equal(new[] { "Trades", "Events", "Daily", "Summary" }, book.SheetNames);
        Assert.Equal(BacktestCommandTests.ExpectedTradeColumns, book.Sheets["Trades"].Header);
        var csvTrades = CsvTable.Read(year.Trades);
        Assert.Equal(csvTrades.Rows.Count, book.Sheets["Trades"].Rows.Count);
        Assert.Equal(CsvTable.Read(year.Events).Rows.Count, book.Sheets["Events"].Rows.Count);
    }

    [Fact]
    public void Date_columns_are_real_date_cells_and_times_show_the_time_of_day()
    {
        using var book = new Book(year.Workbook);
        var trades = CsvTable.Read(year.Trades);
        var sheet = book.Sheets["Trades"];
        for (var i = 0; i < sheet.Rows.Count; i++)
        {
            var row = sheet.Rows[i];
            foreach (var (column, withTime) in new[] { ("entry_time", true), ("exit_time", true), ("expiry", false) })
            {
                var cell = row[column];
                Assert.False(book.IsString(cell), $"Trades row {i + 2} {column} is text");
                Assert.True(book.IsNumber(cell), $"Trades row {i + 2} {column} is not a number");
                var code = book.FormatCode(cell);
                Assert.True(Book.IsDateFormat(code), $"Trades row {i + 2} {column} has number format '{code}', not a date");
                if (withTime) Assert.True(Book.ShowsTime(code), $"Trades {column} has format '{code}', which hides the time of day");
                // The serial is the IST wall clock the CSV shows.
                var wall = DateTime.FromOADate(book.Number(cell));
                var expected = column == "expiry"
                    ? DateTime.ParseExact(trades.Get(trades.Rows[i], column), "yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : trades.Time(trades.Rows[i], column);
                Assert.Equal(expected, new DateTime(wall.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond + (wall.Millisecond >= 500 ? TimeSpan.TicksPerSecond : 0)));
            }
        }

        var events = book.Sheets["Events"];
        foreach (var row in events.Rows.Take(500))
        {
            var code = book.FormatCode(row["time"]);
            Assert.True(book.IsNumber(row["time"]) && Book.IsDateFormat(code) && Book.ShowsTime(code), $"Events time has format '{code}'");
        }
        foreach (var row in book.Sheets["Daily"].Rows)
        {
            Assert.True(book.IsNumber(row["date"]) && Book.IsDateFormat(book.FormatCode(row["date"])), "Daily date is not a date cell");
        }
    }

    [Fact]
    public void Numeric_columns_are_number_cells()
    {
        using var book = new Book(year.Workbook);
        string[] numeric =
        [
            "index_entry_spot", "rsi_period", "strike_price", "lots", "entry_price", "stop_loss_points", "initial_sl_price",
            "trailing_stop_points", "exit_price", "pnl_points", "pnl_value", "return_pct", "index_exit_spot", "charges", "net_pnl",
            "max_quantity", "pyramid_adds", "max_favorable_excursion", "max_adverse_excursion",
        ];
        var trades = CsvTable.Read(year.Trades);
        var sheet = book.Sheets["Trades"];
        for (var i = 0; i < sheet.Rows.Count; i++)
        {
            foreach (var column in numeric)
            {
                var cell = sheet.Rows[i][column];
                Assert.True(book.IsNumber(cell), $"Trades row {i + 2} {column} is not a number cell");
                Assert.Equal((double)trades.Dec(trades.Rows[i], column), book.Number(cell), 6);
            }
            Assert.True(book.IsString(sheet.Rows[i]["trade_id"]));
            Assert.Equal("BACKTEST", book.Text(sheet.Rows[i]["mode"]));
        }
        foreach (var row in book.Sheets["Daily"].Rows)
            foreach (var column in new[] { "trades", "wins", "gross_pnl", "charges", "net_pnl", "equity" })
                Assert.True(book.IsNumber(row[column]), $"Daily {column} is not a number cell");
    }

    [Fact]
    public void Summary_says_premiums_are_modelled_and_agrees_with_the_trades()
    {
        using var book = new Book(year.Workbook);
        var summary = book.Sheets["Summary"].Rows.ToDictionary(r => book.Text(r["metric"]), r => r["value"]);
        Assert.Contains("MODELLED", book.Text(summary["option premiums"]));
        Assert.Contains("Black-Scholes", book.Text(summary["option premiums"]));

        var trades = CsvTable.Read(year.Trades);
        Assert.Equal(trades.Rows.Count, book.Number(summary["trades"]));
        Assert.Equal((double)trades.Rows.Sum(r => trades.Dec(r, "net_pnl")), book.Number(summary["net P&L"]), 2);
        Assert.Equal((double)trades.Rows.Sum(r => trades.Dec(r, "charges")), book.Number(summary["charges"]), 2);
        Assert.True(Book.IsDateFormat(book.FormatCode(summary["best day"])), "best day is not a date cell");
    }
}
