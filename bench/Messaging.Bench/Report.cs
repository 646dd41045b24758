using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;

namespace Messaging.Bench;

/// <summary>The three outputs: a markdown table (stdout), results.json, and chart.svg.</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static string Markdown(MachineInfo machine, BenchOptions options, IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {machine.Cpu}, {machine.Cores} cores; {machine.Os}; {machine.DotNet}; Azurite {machine.Azurite}; {machine.Date}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Load: closed loop, {options.Concurrency} clients, {Format(options.WarmUp.TotalSeconds)} s warm-up, {Format(options.Duration.TotalSeconds)} s measured per scenario{(options.Smoke ? " (smoke run: small setups)" : "")}");
        text.AppendLine();
        text.AppendLine("| scenario | requests | errors | rps | p50 ms | p90 ms | p99 ms | app CPU ms/req | storage req/req | entities read/req |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (ScenarioResult r in results)
        {
            if (!r.Available)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | not available: {r.Reason} | | | | | | | | |");
                continue;
            }
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Requests} | {r.Errors} | {Format(r.Rps)} | {Format(r.P50Ms)} | {Format(r.P90Ms)} | {Format(r.P99Ms)} | {Format(r.CpuMsPerRequest)} | {Format(r.StorageRequestsPerRequest)} | {Format(r.EntitiesReadPerRequest)} |");
        }
        foreach (ScenarioResult r in results.Where(r => r.Note is not null))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"\n{r.Name}: {r.Note}");
        }
        return text.ToString();
    }

    public static string JsonDocument(MachineInfo machine, BenchOptions options, IReadOnlyList<ScenarioResult> results) =>
        JsonSerializer.Serialize(new
        {
            machine,
            load = new
            {
                model = "closed loop",
                concurrency = options.Concurrency,
                warmUpSeconds = options.WarmUp.TotalSeconds,
                durationSeconds = options.Duration.TotalSeconds,
                smoke = options.Smoke,
            },
            scenarios = results.Select(r => r with
            {
                Rps = Round(r.Rps),
                P50Ms = Round(r.P50Ms),
                P90Ms = Round(r.P90Ms),
                P99Ms = Round(r.P99Ms),
                CpuMsPerRequest = Round(r.CpuMsPerRequest),
                StorageRequestsPerRequest = Round(r.StorageRequestsPerRequest),
                EntitiesReadPerRequest = Round(r.EntitiesReadPerRequest),
            }),
        }, Json);

    /// <summary>Two panels of horizontal bars: throughput, and app CPU per request. Plain SVG, no scripts or fonts to load.</summary>
    public static string Svg(MachineInfo machine, IReadOnlyList<ScenarioResult> results)
    {
        const int width = 760, labelWidth = 130, barWidth = 470, row = 22, panelGap = 36, top = 48;
        int panelHeight = (results.Count * row) + 28;
        int height = top + (2 * panelHeight) + panelGap + 24;
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""  <rect width="{width}" height="{height}" fill="#ffffff"/>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""  <text x="10" y="20" font-size="15" font-weight="bold">Messaging benchmark</text>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""  <text x="10" y="36" fill="#555555">{Escape($"{machine.Cpu}, {machine.Cores} cores; {machine.DotNet}; Azurite {machine.Azurite}; {machine.Date}")}</text>""");

        Panel(top, "Throughput (requests/s; latency is sequential)", r => r.Rps, r => $"{Format(r.P50Ms)} ms from process start to healthy (median)", "#3b7dd8");
        Panel(top + panelHeight + panelGap, "App CPU per request (ms)", r => r.CpuMsPerRequest, r => $"{Format(r.CpuMsPerRequest)} ms of CPU per start", "#d8823b");
        svg.AppendLine("</svg>");
        return svg.ToString();

        void Panel(int y, string title, Func<ScenarioResult, double?> value, Func<ScenarioResult, string> notPerRequest, string color)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"""  <text x="10" y="{y + 14}" font-weight="bold">{Escape(title)}</text>""");
            double max = results.Where(r => r.PerRequest).Select(value).Where(v => v is > 0).Select(v => v!.Value).DefaultIfEmpty(1).Max();
            for (int i = 0; i < results.Count; i++)
            {
                ScenarioResult r = results[i];
                int rowY = y + 24 + (i * row);
                svg.AppendLine(CultureInfo.InvariantCulture, $"""  <text x="{labelWidth - 6}" y="{rowY + 14}" text-anchor="end">{Escape(r.Name)}</text>""");
                if (!r.Available || !r.PerRequest || value(r) is not double v)
                {
                    string why = !r.Available ? "not available: " + r.Reason : r.PerRequest ? "not measured" : notPerRequest(r);
                    svg.AppendLine(CultureInfo.InvariantCulture, $"""  <text x="{labelWidth}" y="{rowY + 14}" fill="#888888" font-style="italic">{Escape(why)}</text>""");
                    continue;
                }
                double w = Math.Max(1, barWidth * v / max);
                svg.AppendLine(CultureInfo.InvariantCulture, $"""  <rect x="{labelWidth}" y="{rowY + 3}" width="{Format(w)}" height="{row - 6}" fill="{color}"/>""");
                svg.AppendLine(CultureInfo.InvariantCulture, $"""  <text x="{Format(labelWidth + w + 6)}" y="{rowY + 14}">{Format(v)}</text>""");
            }
        }
    }

    private static string Format(double? value) => value switch
    {
        null => "—",
        >= 100 => value.Value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.Value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.Value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 3);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
