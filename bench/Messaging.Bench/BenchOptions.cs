using System.Globalization;

namespace Messaging.Bench;

/// <summary>The command line: <c>--duration &lt;s&gt; --concurrency &lt;n&gt; --scenarios a,b --search-messages &lt;n&gt; --smoke --output &lt;dir&gt;</c>.</summary>
internal sealed record BenchOptions(
    TimeSpan Duration,
    TimeSpan WarmUp,
    int Concurrency,
    IReadOnlyList<string> Scenarios,
    bool Smoke,
    string Output,
    int SearchMessages = BenchOptions.DefaultSearchMessages)
{
    public const int DefaultSearchMessages = 500;

    public const string Usage = """
        dotnet run -c Release --project bench/Messaging.Bench -- [options]
          --duration <s>        measured seconds per scenario (default 15; 1 with --smoke)
          --concurrency <n>     closed-loop clients (default 16)
          --scenarios <a,b,..>  which scenarios, in order (default: all)
          --search-messages <n> messages in each of the search scenario's 200 conversations (default 500)
          --smoke               about a second per scenario and small setups, to check that everything works
          --output <dir>        where results.json and chart.svg go (default bench/results)
        """;

    /// <summary>Parses the arguments; null (after printing why) when they are wrong or help was asked for.</summary>
    public static BenchOptions? Parse(string[] args, string repositoryRoot, IReadOnlyList<string> known)
    {
        double? duration = null;
        int concurrency = 16;
        int searchMessages = DefaultSearchMessages;
        bool smoke = false;
        string output = Path.Combine(repositoryRoot, "bench", "results");
        IReadOnlyList<string> scenarios = known;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string? Value() => i + 1 < args.Length ? args[++i] : null;
            switch (arg)
            {
                case "--duration" when double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d > 0:
                    duration = d;
                    break;
                case "--concurrency" when int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int c) && c > 0:
                    concurrency = c;
                    break;
                case "--scenarios" when Value() is { Length: > 0 } list:
                    scenarios = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    if (scenarios.FirstOrDefault(s => !known.Contains(s)) is { } unknown)
                    {
                        Console.Error.WriteLine($"Unknown scenario '{unknown}'; known: {string.Join(", ", known)}.");
                        return null;
                    }
                    break;
                case "--search-messages" when int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int m) && m > 0:
                    searchMessages = m;
                    break;
                case "--smoke":
                    smoke = true;
                    break;
                case "--output" when Value() is { Length: > 0 } dir:
                    output = Path.GetFullPath(dir);
                    break;
                default:
                    Console.Error.WriteLine(arg is "--help" or "-h" ? Usage : $"Bad argument '{arg}'.\n{Usage}");
                    return null;
            }
        }
        TimeSpan measured = TimeSpan.FromSeconds(duration ?? (smoke ? 1 : 15));
        TimeSpan warmUp = TimeSpan.FromSeconds(smoke ? 0.5 : 2);
        return new BenchOptions(measured, warmUp, concurrency, scenarios, smoke, output, searchMessages);
    }
}
